import { Router } from 'express';
import { z } from 'zod';
import { badInput } from '@yinqi/errors';
import { parseInput, principalOf, route } from '@yinqi/http';
import { refuseClientToken, type TokenClaims } from '@yinqi/auth';
import type { Request } from 'express';
import type { AccountAdminUseCases } from '../domain/account-admin';
import type { AccountUseCases } from '../domain/accounts';
import { clientTokenSchema, createApiClientSchema, setApiClientDisabledSchema, type ApiClientUseCases } from '../domain/api-clients';
import {
  changePasswordSchema,
  createInstitutionSchema,
  createUserSchema,
  listUsersSchema,
  loginSchema,
  registerEnterpriseSchema,
  setUserDisabledSchema,
} from '../domain/schemas';
import type { SessionUseCases } from '../domain/sessions';

/** Paths open to a caller who must change their password first (contract: me, changePassword, logout). */
export const PASSWORD_CHANGE_PATHS = ['/users/me', '/password', '/logout'];

/**
 * The caller's address as the gateway saw it (it alone decides whether X-Forwarded-For is
 * trusted); identity is reachable only from inside the platform, like every service.
 */
const CLIENT_ADDRESS_HEADER = 'x-yinqi-client-address';
const addressOf = (req: Request) => (req.header(CLIENT_ADDRESS_HEADER) || req.socket.remoteAddress || 'unknown').slice(0, 64);
/** A person's session: an API client's token never renews, logs out or changes a password. */
const claimsOf = (req: Request) => refuseClientToken(principalOf(req)) as TokenClaims;
/** Account administration: never open to an API client's token. */
const personOf = (req: Request) => refuseClientToken(principalOf(req));

const idList = z
  .string()
  .max(10_000)
  .transform((s) => s.split(',').filter(Boolean).slice(0, 200));

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function identityRoutes(
  accounts: AccountUseCases,
  sessions: SessionUseCases,
  admin: AccountAdminUseCases,
  apiClients: ApiClientUseCases,
): Router {
  const r = Router();
  r.post(
    '/enterprises/register',
    route((req) => accounts.registerEnterprise(parseInput(registerEnterpriseSchema, req.body))),
  );
  r.post(
    '/login',
    route((req) => {
      const { email, password } = parseInput(loginSchema, req.body);
      return sessions.login(email, password, addressOf(req));
    }),
  );
  r.post(
    '/token/renew',
    route((req) => sessions.renewToken(claimsOf(req))),
  );
  r.post(
    '/logout',
    route((req) => sessions.logout(claimsOf(req))),
  );
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
      return admin.users(personOf(req), {
        first: q.first,
        ...(q.role ? { role: q.role } : {}),
        ...(q.orgId ? { orgId: q.orgId } : {}),
        ...(q.after ? { after: q.after } : {}),
      });
    }),
  );
  r.post(
    '/accounts/:userId/reset-password',
    route((req) => admin.resetPassword(personOf(req), req.params.userId!)),
  );
  r.post(
    '/accounts/:userId/disabled',
    route((req) => admin.setUserDisabled(personOf(req), req.params.userId!, parseInput(setUserDisabledSchema, req.body).disabled)),
  );
  r.post(
    '/accounts/:userId/unlock',
    route((req) => admin.unlockUser(personOf(req), req.params.userId!)),
  );
  r.get(
    '/users/me',
    route((req) => accounts.me(principalOf(req))),
  );
  r.get(
    '/users',
    route((req) => accounts.users(principalOf(req), parseInput(idList, req.query.ids ?? ''))),
  );
  r.post(
    '/users',
    route((req) => accounts.createUser(personOf(req), parseInput(createUserSchema, req.body))),
  );
  r.post(
    '/institutions',
    route((req) => accounts.createInstitution(personOf(req), parseInput(createInstitutionSchema, req.body))),
  );
  r.get(
    '/institutions',
    route(async (req) => {
      principalOf(req);
      if (typeof req.query.ids === 'string') return accounts.institutions(parseInput(idList, req.query.ids));
      const kind = req.query.kind;
      if (kind !== undefined && kind !== 'BANK' && kind !== 'GUARANTOR' && kind !== 'FUND')
        throw badInput('kind: must be BANK, GUARANTOR or FUND');
      return accounts.listInstitutions(principalOf(req), kind);
    }),
  );
  // API clients (接口客户端): managed by their institution's officers; tokens by client credentials.
  r.get(
    '/api-clients',
    route((req) => apiClients.list(principalOf(req))),
  );
  r.post(
    '/api-clients',
    route((req) => apiClients.create(principalOf(req), parseInput(createApiClientSchema, req.body))),
  );
  r.post(
    '/api-clients/:id/rotate',
    route((req) => apiClients.rotate(principalOf(req), req.params.id!)),
  );
  r.post(
    '/api-clients/:id/disabled',
    route((req) => apiClients.setDisabled(principalOf(req), req.params.id!, parseInput(setApiClientDisabledSchema, req.body).disabled)),
  );
  r.post(
    '/oauth/token',
    route((req) => apiClients.issueToken(parseInput(clientTokenSchema, req.body), addressOf(req))),
  );
  return r;
}
