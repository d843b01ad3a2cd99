import { timingSafeEqual, createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { parseInput, requireRole, route } from '@yinqi/http';
import { unauthenticated } from '@yinqi/errors';
import type { Appender } from '../domain/append-entries';
import { appendBodySchema } from '../domain/entry';
import { filterQuerySchema, pageQuerySchema, type TrailUseCases } from '../domain/read-trail';
import { streamAuditCsv } from './csv';

/** Header carrying the ingest key: only recorders holding it (the gateway) may append. */
export const INGEST_KEY_HEADER = 'x-audit-ingest-key';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Internal REST API. Appends need the ingest key (a failed login has no user token to forward);
 * reading, exporting and verifying are FINANCE_CENTER's, with the caller's token. Nothing here
 * edits or deletes an entry.
 */
export function auditRoutes(deps: { appender: Appender; trail: TrailUseCases; ingestKey: string }): Router {
  const r = Router();
  const expected = digest(deps.ingestKey);
  // Compared as digests so the comparison takes the same time whatever was sent.
  const requireIngestKey = (req: Request) => {
    const sent = req.header(INGEST_KEY_HEADER);
    if (!sent || !timingSafeEqual(digest(sent), expected)) throw unauthenticated('Not a recorder of the audit trail');
  };

  r.post(
    '/entries',
    route(async (req) => {
      requireIngestKey(req);
      const { entries } = parseInput(appendBodySchema, req.body);
      return { entries: await deps.appender.append(entries) };
    }),
  );
  r.get(
    '/entries',
    route(async (req) => {
      requireRole(req, 'FINANCE_CENTER');
      return deps.trail.list(parseInput(pageQuerySchema, req.query));
    }),
  );
  r.get(
    '/verify',
    route(async (req) => {
      requireRole(req, 'FINANCE_CENTER');
      return deps.trail.verify();
    }),
  );
  r.get(
    '/export/audit.csv',
    route(async (req, res) => {
      requireRole(req, 'FINANCE_CENTER');
      await streamAuditCsv(res, deps.trail.export(parseInput(filterQuerySchema, req.query)));
    }),
  );
  return r;
}
