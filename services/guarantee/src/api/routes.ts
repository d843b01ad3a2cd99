import { Router } from 'express';
import { parseInput, principalOf, route, personPrincipalOf, scopedPrincipalOf } from '@yinqi/http';
import type { PolicyUseCases } from '../domain/policies';
import type { RequestUseCases } from '../domain/requests';
import { calendarYearInputSchema, listQuerySchema, policyInputSchema, quoteSchema } from '../domain/schemas';
import type { WorkingCalendarUseCases } from '../domain/working-calendar';
import { z } from 'zod';

const yearParam = z.coerce.number().int().min(2000, 'from 2000').max(2100, 'to 2100');

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function guaranteeRoutes(requests: RequestUseCases, policies: PolicyUseCases, calendar: WorkingCalendarUseCases): Router {
  const r = Router();
  r.get(
    '/guarantee-requests',
    route(async (req) => {
      const p = principalOf(req);
      const q = parseInput(listQuerySchema, req.query);
      return requests.list(p, q.status, { first: q.first, after: q.after });
    }),
  );
  r.get(
    '/guarantee-requests/:id',
    route((req) => requests.get(principalOf(req), req.params.id!)),
  );
  r.post(
    '/guarantee-requests/:id/quotes',
    route(async (req) => {
      const p = scopedPrincipalOf(req, 'GUARANTEES_WRITE');
      return requests.submitQuote(p, req.params.id!, parseInput(quoteSchema, req.body));
    }),
  );
  r.post(
    '/quotes/:id/select',
    route((req) => requests.selectQuote(personPrincipalOf(req), req.params.id!)),
  );
  r.get(
    '/policy',
    route((req) => policies.get(principalOf(req))),
  );
  r.post(
    '/policy',
    route(async (req) => {
      const p = principalOf(req);
      return policies.set(p, parseInput(policyInputSchema, req.body));
    }),
  );
  // The working calendar (工作日历): one year to read (anyone signed in), one year to replace (finance centre).
  // The year is a query parameter: path parameters are ids by rule (route() answers NOT_FOUND for any other shape).
  r.get(
    '/working-calendar',
    route(async (req) => {
      principalOf(req);
      return calendar.get(parseInput(yearParam, req.query.year));
    }),
  );
  r.post(
    '/working-calendar',
    route((req) => calendar.setYear(principalOf(req), parseInput(calendarYearInputSchema, req.body))),
  );
  return r;
}
