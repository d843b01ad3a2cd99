import { Router } from 'express';
import { z } from 'zod';
import { badInput } from '@yinqi/errors';
import { parseInput, principalOf, route } from '@yinqi/http';
import { refuseClientToken, type TokenClaims } from '@yinqi/auth';
import type { Request } from 'express';
import { changePassword } from '../domain/change-password';
import { createApiClient } from '../domain/create-api-client';
import { createInstitution } from '../domain/create-institution';
import { createUser } from '../domain/create-user';
import type { IdentityDeps } from '../domain/deps';
import { institutionsByIds, listInstitutions } from '../domain/find-institutions';
import { issueClientToken } from '../domain/issue-client-token';
import { listAccounts } from '../domain/list-accounts';
import { listApiClients } from '../domain/list-api-clients';
import { login } from '../domain/login';
import { logout } from '../domain/logout';
import { me } from '../domain/me';
import { registerEnterprise } from '../domain/register-enterprise';
import { renewToken } from '../domain/renew-token';
import { resetPassword } from '../domain/reset-password';
import { rotateApiClientSecret } from '../domain/rotate-api-client-secret';
import {
  changePasswordSchema,
  clientTokenSchema,
  createApiClientSchema,
  createInstitutionSchema,
  createUserSchema,
  listUsersSchema,
  loginSchema,
  registerEnterpriseSchema,
  setApiClientDisabledSchema,
  setUserDisabledSchema,
} from '../domain/schemas';
import { setApiClientDisabled } from '../domain/set-api-client-disabled';
import { setUserDisabled } from '../domain/set-user-disabled';
import { unlockUser } from '../domain/unlock-user';
import { usersByIds } from '../domain/users-by-ids';

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
export function identityRoutes(deps: IdentityDeps): Router {
  const r = Router();
  sessionRoutes(r, deps);
  accountAdminRoutes(r, deps);
  directoryRoutes(r, deps);
  apiClientRoutes(r, deps);
  return r;
}

/** Registering, signing in, renewing, signing out and changing the password. */
function sessionRoutes(r: Router, deps: IdentityDeps): void {
  r.post(
    '/enterprises/register',
    route((req) => registerEnterprise(deps, parseInput(registerEnterpriseSchema, req.body))),
  );
  r.post(
    '/login',
    route((req) => {
      const { email, password } = parseInput(loginSchema, req.body);
      return login(deps, email, password, addressOf(req));
    }),
  );
  r.post(
    '/token/renew',
    route((req) => renewToken(deps, claimsOf(req))),
  );
  r.post(
    '/logout',
    route((req) => logout(deps, claimsOf(req))),
  );
  r.post(
    '/password',
    route((req) => {
      const { oldPassword, newPassword } = parseInput(changePasswordSchema, req.body);
      return changePassword(deps, claimsOf(req), oldPassword, newPassword, addressOf(req));
    }),
  );
}

/** The finance centre's account administration (账号管理). */
function accountAdminRoutes(r: Router, deps: IdentityDeps): void {
  r.get(
    '/accounts',
    route((req) => {
      const q = parseInput(listUsersSchema, req.query);
      return listAccounts(deps, personOf(req), {
        first: q.first,
        ...(q.role ? { role: q.role } : {}),
        ...(q.orgId ? { orgId: q.orgId } : {}),
        ...(q.after ? { after: q.after } : {}),
      });
    }),
  );
  r.post(
    '/accounts/:userId/reset-password',
    route((req) => resetPassword(deps, personOf(req), req.params.userId!)),
  );
  r.post(
    '/accounts/:userId/disabled',
    route((req) => setUserDisabled(deps, personOf(req), req.params.userId!, parseInput(setUserDisabledSchema, req.body).disabled)),
  );
  r.post(
    '/accounts/:userId/unlock',
    route((req) => unlockUser(deps, personOf(req), req.params.userId!)),
  );
}

/** Accounts and institutions: the caller's own, lookups by id, and the finance centre's creations. */
function directoryRoutes(r: Router, deps: IdentityDeps): void {
  r.get(
    '/users/me',
    route((req) => me(deps, principalOf(req))),
  );
  r.get(
    '/users',
    route((req) => usersByIds(deps, principalOf(req), parseInput(idList, req.query.ids ?? ''))),
  );
  r.post(
    '/users',
    route((req) => createUser(deps, personOf(req), parseInput(createUserSchema, req.body))),
  );
  r.post(
    '/institutions',
    route((req) => createInstitution(deps, personOf(req), parseInput(createInstitutionSchema, req.body))),
  );
  r.get(
    '/institutions',
    route(async (req) => {
      principalOf(req);
      if (typeof req.query.ids === 'string') return institutionsByIds(deps, parseInput(idList, req.query.ids));
      const kind = req.query.kind;
      if (kind !== undefined && kind !== 'BANK' && kind !== 'GUARANTOR' && kind !== 'FUND')
        throw badInput('kind: must be BANK, GUARANTOR or FUND');
      return listInstitutions(deps, principalOf(req), kind);
    }),
  );
}

/** API clients (接口客户端): managed by their institution's officers; tokens by client credentials. */
function apiClientRoutes(r: Router, deps: IdentityDeps): void {
  r.get(
    '/api-clients',
    route((req) => listApiClients(deps, principalOf(req))),
  );
  r.post(
    '/api-clients',
    route((req) => createApiClient(deps, principalOf(req), parseInput(createApiClientSchema, req.body))),
  );
  r.post(
    '/api-clients/:id/rotate',
    route((req) => rotateApiClientSecret(deps, principalOf(req), req.params.id!)),
  );
  r.post(
    '/api-clients/:id/disabled',
    route((req) => setApiClientDisabled(deps, principalOf(req), req.params.id!, parseInput(setApiClientDisabledSchema, req.body).disabled)),
  );
  r.post(
    '/oauth/token',
    route((req) => issueClientToken(deps, parseInput(clientTokenSchema, req.body), addressOf(req))),
  );
}
