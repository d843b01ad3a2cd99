import { Router } from 'express';
import { z } from 'zod';
import { badInput } from '@yinqi/errors';
import { parseInput, principalOf, route } from '@yinqi/http';
import type { AccountUseCases } from '../domain/accounts';
import { createInstitutionSchema, createUserSchema, loginSchema, registerEnterpriseSchema } from '../domain/schemas';

const idList = z.string().max(10_000).transform((s) => s.split(',').filter(Boolean).slice(0, 200));

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function identityRoutes(accounts: AccountUseCases, maxSessionSeconds: number): Router {
  const r = Router();
  r.post('/enterprises/register', route((req) => accounts.registerEnterprise(parseInput(registerEnterpriseSchema, req.body))));
  r.post(
    '/login',
    route((req) => {
      const { email, password } = parseInput(loginSchema, req.body);
      return accounts.login(email, password);
    }),
  );
  r.post(
    '/token/renew',
    route(async (req) => {
      const p = principalOf(req) as ReturnType<typeof principalOf> & { sessionStartedAt: number };
      return accounts.renewToken(p, maxSessionSeconds);
    }),
  );
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
