import { Router } from 'express';
import { z } from 'zod';
import { badInput } from '@yinqi/errors';
import { parseInput, principalOf, route } from '@yinqi/http';
import type { TokenClaims } from '@yinqi/auth';
import type { Request } from 'express';
import type { AccountAdminUseCases } from '../domain/account-admin';
import type { AccountUseCases } from '../domain/accounts';
import { changePasswordSchema, createInstitutionSchema, createUserSchema, listUsersSchema, loginSchema, registerEnterpriseSchema, setUserDisabledSchema } from '../domain/schemas';
import type { SessionUseCases } from '../domain/sessions';

/** Paths open to a caller who must change their password first (contract: me, changePassword, logout). */
export const PASSWORD_CHANGE_PATHS = ['/users/me', '/password', '/logout'];

/**
 * The caller's address as the gateway saw it (it alone decides whether X-Forwarded-For is
 * trusted); identity is reachable only from inside the platform, like every service.
 */
const CLIENT_ADDRESS_HEADER = 'x-yinqi-client-address';
const addressOf = (req: Request) => (req.header(CLIENT_ADDRESS_HEADER) || req.socket.remoteAddress || 'unknown').slice(0, 64);
const claimsOf = (req: Request) => principalOf(req) as TokenClaims;

const idList = z.string().max(10_000).transform((s) => s.split(',').filter(Boolean).slice(0, 200));

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function identityRoutes(accounts: AccountUseCases, sessions: SessionUseCases, admin: AccountAdminUseCases): Router {
  const r = Router();
  r.post('/enterprises/register', route((req) => accounts.registerEnterprise(parseInput(registerEnterpriseSchema, req.body))));
  r.post(
    '/login',
    route((req) => {
      const { email, password } = parseInput(loginSchema, req.body);
      return sessions.login(email, password, addressOf(req));
    }),
  );
  r.post('/token/renew', route((req) => sessions.renewToken(claimsOf(req))));
  r.post('/logout', route((req) => sessions.logout(claimsOf(req))));
  r.post(
    '/password',
    route((req) => {
      const { oldPassword, newPassword } = parseInput(changePasswordSchema, req.body);
      return sessions.changePassword(claimsOf(req), oldPassword, newPassword, addressOf(req));
    }),
  );
  r.get(
    '/accounts',
    route((req) => {
      const q = parseInput(listUsersSchema, req.query);
      return admin.users(principalOf(req), { first: q.first, ...(q.role ? { role: q.role } : {}), ...(q.orgId ? { orgId: q.orgId } : {}), ...(q.after ? { after: q.after } : {}) });
    }),
  );
  r.post('/accounts/:userId/reset-password', route((req) => admin.resetPassword(principalOf(req), req.params.userId!)));
  r.post('/accounts/:userId/disabled', route((req) => admin.setUserDisabled(principalOf(req), req.params.userId!, parseInput(setUserDisabledSchema, req.body).disabled)));
  r.post('/accounts/:userId/unlock', route((req) => admin.unlockUser(principalOf(req), req.params.userId!)));
  r.get('/users/me', route((req) => accounts.me(principalOf(req))));
  r.get('/users', route((req) => accounts.users(principalOf(req), parseInput(idList, req.query.ids ?? ''))));
  r.post('/users', route((req) => accounts.createUser(principalOf(req), parseInput(createUserSchema, req.body))));
  r.post('/institutions', route((req) => accounts.createInstitution(principalOf(req), parseInput(createInstitutionSchema, req.body))));
  r.get(
    '/institutions',
    route(async (req) => {
      principalOf(req);
      if (typeof req.query.ids === 'string') return accounts.institutions(parseInput(idList, req.query.ids));
      const kind = req.query.kind;
      if (kind !== undefined && kind !== 'BANK' && kind !== 'GUARANTOR' && kind !== 'FUND') throw badInput('kind: must be BANK, GUARANTOR or FUND');
      return accounts.listInstitutions(principalOf(req), kind);
    }),
  );
  return r;
}
