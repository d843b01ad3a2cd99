import { once } from 'node:events';
import type { Response } from 'express';
import type { AuditEntry } from '../domain/entry';

/** UTF-8 byte order mark: Excel then reads the file as UTF-8 (same as the monitor's exports). */
const BOM = '\uFEFF';

export const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorRole',
  'actorOrgId',
  'action',
  'targetType',
  'targetId',
  'correlationId',
  'detail',
  'prevHash',
  'hash',
];

/** One RFC 4180 field; free text a spreadsheet would run as a formula (=, +, -, @ first) gets an apostrophe. */
function field(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (e: AuditEntry) =>
  `${[e.seq, e.at.toISOString(), e.actorId, e.actorRole, e.actorOrgId, e.action, e.targetType, e.targetId, e.correlationId, e.detail, e.prevHash, e.hash].map(field).join(',')}\r\n`;

/** Streams the entries as CSV, newest first, waiting for the socket to drain: memory stays flat. */
export async function streamAuditCsv(res: Response, entries: AsyncIterable<AuditEntry>): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', 'attachment; filename="audit.csv"');
  res.setHeader('cache-control', 'no-store');
  res.write(BOM + AUDIT_COLUMNS.join(',') + '\r\n');
  for await (const e of entries) {
    if (res.destroyed) return;
    if (!res.write(row(e))) await once(res, 'drain');
  }
  res.end();
}
