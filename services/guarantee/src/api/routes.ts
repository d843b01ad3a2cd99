import { Router } from 'express';
import { parseInput, principalOf, route } from '@yinqi/http';
import type { PolicyUseCases } from '../domain/policies';
import type { RequestUseCases } from '../domain/requests';
import { listQuerySchema, policyInputSchema, quoteSchema } from '../domain/schemas';

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function guaranteeRoutes(requests: RequestUseCases, policies: PolicyUseCases): Router {
  const r = Router();
  r.get(
    '/guarantee-requests',
    route(async (req) => {
      const p = principalOf(req);
      const q = parseInput(listQuerySchema, req.query);
      return requests.list(p, q.status, { first: q.first, after: q.after });
    }),
  );
  r.get('/guarantee-requests/:id', route((req) => requests.get(principalOf(req), req.params.id!)));
  r.post(
    '/guarantee-requests/:id/quotes',
    route(async (req) => {
      const p = principalOf(req);
      return requests.submitQuote(p, req.params.id!, parseInput(quoteSchema, req.body));
    }),
  );
  r.post('/quotes/:id/select', route((req) => requests.selectQuote(principalOf(req), req.params.id!)));
  r.get('/policy', route((req) => policies.get(principalOf(req))));
  r.post(
    '/policy',
    route(async (req) => {
      const p = principalOf(req);
      return policies.set(p, parseInput(policyInputSchema, req.body));
    }),
  );
  return r;
}
