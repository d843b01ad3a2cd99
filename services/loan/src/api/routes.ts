import { Router } from 'express';
import { parseInput, principalOf, route, personPrincipalOf, scopedPrincipalOf } from '@yinqi/http';
import type { LoanUseCases } from '../domain/loan-use-cases';
import {
  disburseSchema,
  followUpSchema,
  listQuerySchema,
  reliefDecisionSchema,
  reliefRequestSchema,
  repaymentSchema,
} from '../domain/schemas';

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function loanRoutes(useCases: LoanUseCases): Router {
  const r = Router();
  r.get(
    '/loans',
    route(async (req) => {
      const p = principalOf(req);
      const q = parseInput(listQuerySchema, req.query);
      if (q.ids) return useCases.byIds(p, q.ids);
      return useCases.list(p, q.status, { first: q.first, after: q.after });
    }),
  );
  r.get(
    '/loans/:id',
    route((req) => useCases.get(principalOf(req), req.params.id!)),
  );
  r.post(
    '/matches/:matchId/disburse',
    route(async (req) =>
      useCases.disburse(scopedPrincipalOf(req, 'LOANS_WRITE'), req.params.matchId!, parseInput(disburseSchema, req.body)),
    ),
  );
  r.post(
    '/loans/:id/repayments',
    route(async (req) => {
      const b = parseInput(repaymentSchema, req.body);
      return useCases.repay(scopedPrincipalOf(req, 'LOANS_WRITE'), req.params.id!, b.amount, b.paidAt);
    }),
  );
  r.post(
    '/loans/:id/follow-ups',
    route(async (req) => {
      const b = parseInput(followUpSchema, req.body);
      return useCases.followUp(scopedPrincipalOf(req, 'LOANS_WRITE'), req.params.id!, b.note, b.riskLevel);
    }),
  );
  r.post(
    '/loans/:id/reliefs',
    route(async (req) => useCases.requestRelief(personPrincipalOf(req), req.params.id!, parseInput(reliefRequestSchema, req.body))),
  );
  r.post(
    '/reliefs/:id/decide',
    route(async (req) => {
      const b = parseInput(reliefDecisionSchema, req.body);
      return useCases.decideRelief(scopedPrincipalOf(req, 'LOANS_WRITE'), req.params.id!, b.approve, b.note ?? null);
    }),
  );
  return r;
}
