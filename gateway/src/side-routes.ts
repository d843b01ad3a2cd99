import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { TokenVerifier } from '@yinqi/auth';
import { withCorrelation, type Logger } from '@yinqi/logger';
import type { Clients } from './clients';
import { AUDIT_EXPORT_PATH, EXPORT_PATHS, proxyExport } from './clients/monitor-client';
import type { ServiceClient } from './clients/service-client';
import type { GatewayConfig } from './config';
import { clientAddress } from './client-address';
import type { AuditRecorder } from './audit-recorder';
import type { ResponseCache } from './response-cache';
import { OAUTH_TOKEN_PATH, serveClientToken } from './oauth-token';

export interface SideRoutesOptions {
  config: GatewayConfig;
  logger: Logger;
  tokens: TokenVerifier;
  /** Identity's public keys, serialised once. */
  jwks: string;
  services: ServiceClient[];
  clients: Clients;
  registry: Registry;
  cache: ResponseCache;
  recorder: AuditRecorder | undefined;
}

export type SideRoutes = (req: IncomingMessage, res: ServerResponse, url: string, correlationId: string) => boolean;

/**
 * What the gateway answers beside GraphQL and the console: health, the JWKS, metrics, the CSV
 * exports streamed through, and the open interface's token endpoint. Returns false for anything else.
 */
export function createSideRoutes(o: SideRoutesOptions): SideRoutes {
  const { config, logger } = o;
  return (req, res, url, correlationId) => {
    if (url === '/healthz' || url.startsWith('/healthz?')) {
      void health(o.services).then(({ ok, checks }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
      });
      return true;
    }
    // Identity's public keys, for anyone who verifies our tokens (contract: accounts extension).
    if (req.method === 'GET' && (url === '/.well-known/jwks.json' || url.startsWith('/.well-known/jwks.json?'))) {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
      res.end(o.jwks);
      return true;
    }
    if (req.method === 'GET' && url === '/metrics') {
      serveMetrics(o, res);
      return true;
    }
    // CSV exports of the monitor (FINANCE_CENTER), streamed through: services/monitor/README.md.
    if (req.method === 'GET' && config.MONITOR_URL && EXPORT_PATHS.has(url.split('?')[0]!)) {
      withCorrelation(correlationId, () => proxyExport(config.MONITOR_URL!, req, res, config.SERVICE_TIMEOUT_MS, o.tokens));
      return true;
    }
    // The audit trail's CSV export (FINANCE_CENTER), streamed through from the audit service.
    if (req.method === 'GET' && config.AUDIT_URL && url.split('?')[0] === AUDIT_EXPORT_PATH) {
      const replicas = config.AUDIT_URL.split(',');
      withCorrelation(correlationId, () =>
        proxyExport(replicas[Math.floor(Math.random() * replicas.length)]!.trim(), req, res, config.SERVICE_TIMEOUT_MS, o.tokens, 'audit'),
      );
      return true;
    }
    // The open interface's token endpoint: client credentials → a scoped token (oauth-token.ts).
    if (url.split('?')[0] === OAUTH_TOKEN_PATH) {
      withCorrelation(correlationId, () => {
        void serveClientToken(req, res, {
          identity: o.clients.identity,
          clientAddress: clientAddress(req, config.TRUSTED_PROXIES),
          maxBodyBytes: 64 * 1024,
          logger,
        });
      });
      return true;
    }
    return false;
  };
}

function serveMetrics({ registry, cache, recorder, logger }: SideRoutesOptions, res: ServerResponse): void {
  void registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(`${text}${cacheMetrics(cache)}${recorder ? auditMetrics(recorder) : ''}`);
    },
    (err: unknown) => {
      logger.error({ err: (err as Error).message }, 'metrics rendering failed');
      res.writeHead(500).end();
    },
  );
}

/** The answer cache's counters in Prometheus text format. */
function cacheMetrics(cache: ResponseCache): string {
  const { hits, misses, stored, invalidations } = cache.stats;
  const { entries, bytes } = cache.size;
  const lines: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
  metric('gateway_response_cache_hits_total', 'counter', 'Queries answered from the response cache', hits);
  metric('gateway_response_cache_misses_total', 'counter', 'Cacheable queries that went to the services', misses);
  metric('gateway_response_cache_stored_total', 'counter', 'Answers stored in the response cache', stored);
  metric(
    'gateway_response_cache_invalidations_total',
    'counter',
    'Invalidations (events heard, mutations through this gateway)',
    invalidations,
  );
  metric('gateway_response_cache_entries', 'gauge', 'Answers in the response cache', entries);
  metric('gateway_response_cache_bytes', 'gauge', 'JSON size of the answers in the response cache', bytes);
  return `${lines.join('\n')}\n`;
}

/** The audit recorder's counters: entries recorded, spooled during an outage, dropped. */
function auditMetrics(recorder: AuditRecorder): string {
  const { recorded, spooled, dropped } = recorder.stats;
  return (
    [
      '# HELP gateway_audit_entries_recorded_total Audit entries the audit service accepted from this gateway',
      '# TYPE gateway_audit_entries_recorded_total counter',
      `gateway_audit_entries_recorded_total ${recorded}`,
      '# HELP gateway_audit_entries_spooled_total Audit entries held back while the audit service was unreachable',
      '# TYPE gateway_audit_entries_spooled_total counter',
      `gateway_audit_entries_spooled_total ${spooled}`,
      '# HELP gateway_audit_entries_dropped_total Audit entries refused or dropped (each logged at error level)',
      '# TYPE gateway_audit_entries_dropped_total counter',
      `gateway_audit_entries_dropped_total ${dropped}`,
      '# HELP gateway_audit_paused Whether audited operations are refused now (1) because entries wait to be delivered',
      '# TYPE gateway_audit_paused gauge',
      `gateway_audit_paused ${recorder.closed ? 1 : 0}`,
    ].join('\n') + '\n'
  );
}

async function health(services: ServiceClient[]) {
  const results = await Promise.all(services.map(async (s) => [s.name, await s.healthy()] as const));
  return { ok: results.every(([, v]) => v), checks: Object.fromEntries(results) };
}
