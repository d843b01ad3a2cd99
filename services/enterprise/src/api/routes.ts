import { Router } from 'express';
import { parseInput, principalOf, route } from '@yinqi/http';
import type { DemandUseCases } from '../domain/demands';
import type { EnterpriseUseCases } from '../domain/enterprises';
import {
  certifyInputSchema,
  demandInputSchema,
  enterpriseSearchQuerySchema,
  idListSchema,
  profileInputSchema,
  tierQuerySchema,
} from '../domain/schemas';

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function enterpriseRoutes(enterprises: EnterpriseUseCases, demands: DemandUseCases): Router {
  const r = Router();

  r.get(
    '/enterprises',
    route(async (req) => {
      const p = principalOf(req);
      if (typeof req.query.ids === 'string') return enterprises.enterprisesByIds(p, parseInput(idListSchema, req.query.ids));
      return enterprises.listEnterprises(p, {
        tier: parseInput(tierQuerySchema, req.query.tier),
        ...parseInput(enterpriseSearchQuerySchema, { search: req.query.search, town: req.query.town, industry: req.query.industry }),
        first: req.query.first,
        after: req.query.after,
      });
    }),
  );
  r.post(
    '/enterprises/me/profile',
    route((req) => enterprises.updateProfile(principalOf(req), parseInput(profileInputSchema, req.body))),
  );
  r.get(
    '/enterprises/:id',
    route((req) => enterprises.enterprise(principalOf(req), req.params.id!)),
  );
  r.post(
    '/enterprises/:id/certify',
    route((req) => enterprises.certify(principalOf(req), req.params.id!, parseInput(certifyInputSchema, req.body))),
  );

  r.post(
    '/demands',
    route((req) => demands.postDemand(principalOf(req), parseInput(demandInputSchema, req.body))),
  );
  // Before /demands/:id, which would take "mine" for an id.
  r.get(
    '/demands/mine',
    route((req) => demands.myDemands(principalOf(req))),
  );
  r.get(
    '/demands',
    route(async (req) =>
      demands.demandsByIds(principalOf(req), parseInput(idListSchema, typeof req.query.ids === 'string' ? req.query.ids : '')),
    ),
  );
  r.get(
    '/demands/:id',
    route((req) => demands.demand(principalOf(req), req.params.id!)),
  );
  r.post(
    '/demands/:id/withdraw',
    route((req) => demands.withdrawDemand(principalOf(req), req.params.id!)),
  );
  return r;
}
