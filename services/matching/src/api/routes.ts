import { Router } from 'express';
import { notFound } from '@yinqi/errors';
import { parseInput, principalOf, route, personPrincipalOf, scopedPrincipalOf } from '@yinqi/http';
import type { MatchingRepository } from '../data/repository';
import type { MatchingUseCases } from '../domain/matching';
import { bankMatchesQuerySchema, listQuerySchema, offerSchema, respondSchema } from '../domain/schemas';

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function matchingRoutes(useCases: MatchingUseCases, repo: MatchingRepository): Router {
  const r = Router();
  r.get(
    '/matches',
    route(async (req) => {
      const p = principalOf(req);
      const q = parseInput(listQuerySchema, req.query);
      const found = q.ids ? await repo.matchesByIds(q.ids) : q.demandIds ? await repo.matchesByDemandIds(q.demandIds) : [];
      return useCases.visible(p, found).map(useCases.toDto);
    }),
  );
  r.get(
    '/matches/bank',
    route(async (req) => {
      const q = parseInput(bankMatchesQuerySchema, req.query);
      return useCases.bankMatches(principalOf(req), q.status, { first: q.first, after: q.after }, q.enterpriseName);
    }),
  );
  r.get(
    '/matches/:id',
    route(async (req) => {
      const m = await repo.findMatch(req.params.id!);
      const [visible] = m ? useCases.visible(principalOf(req), [m]) : [];
      if (!visible) throw notFound('Match');
      return useCases.toDto(visible);
    }),
  );
  r.post(
    '/matches/:id/respond',
    route(async (req) => {
      const body = parseInput(respondSchema, req.body);
      return useCases.respond(scopedPrincipalOf(req, 'MATCHES_RESPOND'), req.params.id!, body.interested, body.reason ?? null);
    }),
  );
  r.post(
    '/matches/:id/offer',
    route(async (req) => {
      const o = parseInput(offerSchema, req.body);
      return useCases.makeOffer(scopedPrincipalOf(req, 'OFFERS_WRITE'), req.params.id!, { ...o, conditions: o.conditions ?? null });
    }),
  );
  r.post(
    '/matches/:id/accept',
    route((req) => useCases.accept(personPrincipalOf(req), req.params.id!)),
  );
  return r;
}
