import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TokenVerifier } from '@yinqi/auth';
import type { DashboardDto } from '@yinqi/contracts';
import { AppError, toProblem } from '@yinqi/errors';
import type { ServiceClient } from './service-client';

export type { BankRefDto, DashboardDto } from '@yinqi/contracts';

export interface DashboardArgs {
  from?: string | null;
  to?: string | null;
  asOf?: string | null;
}

/** Typed calls to the monitor service. */
export function monitorClient(http: ServiceClient) {
  return {
    dashboard: (token: string, args: DashboardArgs) =>
      http.get<DashboardDto>('/dashboard', {
        token,
        query: { from: args.from ?? undefined, to: args.to ?? undefined, asOf: args.asOf ?? undefined },
      }),
  };
}
export type MonitorClient = ReturnType<typeof monitorClient>;

/**
 * The monitor's exports the gateway serves (?from=&to=&columns=): matches, loans, guarantee requests,
 * the listing pipeline and the bond reserve, each as .csv and .xlsx (services/monitor/README.md).
 */
export const EXPORT_NAMES = ['matches', 'loans', 'guarantees', 'listing', 'bonds'] as const;
export const EXPORT_PATHS = new Set(EXPORT_NAMES.flatMap((n) => [`/export/${n}.csv`, `/export/${n}.xlsx`]));
/** The audit trail's export (services/audit), proxied the same way. */
export const AUDIT_EXPORT_PATH = '/export/audit.csv';

/**
 * Proxies an export to the monitor as a stream: the monitor writes the CSV row by row and the
 * gateway pipes the bytes through (with backpressure), never holding the file. The monitor checks
 * the Bearer token and the FINANCE_CENTER role; its problem+json errors pass through unchanged.
 */
export function proxyExport(
  monitorUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
  timeoutMs: number,
  tokens: TokenVerifier,
  serviceName = 'monitor',
): void {
  // The gateway checks too (the monitor checks again): no upstream call for a caller who may not read.
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  try {
    if (!m) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    if (tokens.verify(m[1]!).role !== 'FINANCE_CENTER') throw new AppError('FORBIDDEN', 'Only the finance centre may export');
  } catch (err) {
    const problem = toProblem(err);
    res.writeHead(problem.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: problem.detail ?? problem.title, extensions: { code: problem.code } }] }));
    return;
  }
  const incoming = new URL(req.url ?? '/', 'http://gateway.invalid');
  const target = new URL(incoming.pathname + incoming.search, monitorUrl);
  const headers: Record<string, string> = { accept: 'text/csv' };
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  const correlation = res.getHeader('x-correlation-id');
  if (typeof correlation === 'string') headers['x-correlation-id'] = correlation;
  const upstream = httpRequest(target, { method: 'GET', headers, timeout: timeoutMs }, (up) => {
    const pass: Record<string, string> = {};
    for (const h of ['content-type', 'content-disposition', 'cache-control']) {
      const v = up.headers[h];
      if (typeof v === 'string') pass[h] = v;
    }
    res.writeHead(up.statusCode ?? 502, pass);
    up.pipe(res);
  });
  // Idle too long or the client went away: stop the upstream read.
  upstream.on('timeout', () => upstream.destroy(new Error(`${serviceName} export timed out`)));
  res.on('close', () => upstream.destroy());
  upstream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errors: [{ message: `${serviceName} service unavailable`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
      );
    } else res.destroy();
  });
  upstream.end();
}
