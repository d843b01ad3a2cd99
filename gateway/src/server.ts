import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { SessionRevocations, TokenVerifier, VerificationKeys } from '@yinqi/auth';
import { createKafka, EventPublisher, SessionFeed } from '@yinqi/events';
import { withCorrelation, type Logger } from '@yinqi/logger';
import { configured, createClients } from './clients';
import { AUDIT_EXPORT_PATH, EXPORT_PATHS, proxyExport } from './clients/monitor-client';
import { ServiceClient } from './clients/service-client';
import { auditClient } from './clients/audit-client';
import type { GatewayConfig } from './config';
import { clientAddress } from './client-address';
import { buildContext, type GatewayContext } from './context';
import { usePasswordChangeGate } from './password-change';
import { maskError, useRequestErrorCodes } from './errors';
import { MatchFeed } from './match-feed';
import { createGatewayRegistry, useGraphqlMetrics } from './metrics';
import { CacheInvalidator, ResponseCache, useResponseCache } from './response-cache';
import { readBody } from './read-body';
import { createStaticHandler } from './static';
import { IdempotencyStore, isMutationRequest, validIdempotencyKey, type StoredResponse } from './idempotency';
import { activeDomains, buildSchema, neededServices } from './schema';
import { AuditRecorder } from './audit-recorder';
import { withAuditTrail } from './audit-trail';
import { withClientScopes } from './client-scopes';
import { OAUTH_TOKEN_PATH, serveClientToken } from './oauth-token';
import { resolveDevSecret } from '@yinqi/config';

export interface Gateway {
  server: Server;
  services: ServiceClient[];
  /** The answer cache of common reads (response-cache.ts). */
  cache: ResponseCache;
  /** Starts what needs I/O (the match event feed) before the server listens. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Introspection is a development aid; production answers no __schema/__type queries. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

export interface GatewayAuth {
  tokens: TokenVerifier;
  /** Identity's public keys: served as the JWKS. */
  keys: VerificationKeys;
  /** Ended sessions, fed from Kafka by start(). */
  revocations: SessionRevocations;
}

/**
 * Who is asking, for idempotency records: the verified user when the token verifies (a renewed
 * token is the same caller), else a hash of whatever Authorization was sent (anonymous callers,
 * e.g. `login`, share "no header"; the body still has to match byte for byte).
 */
function callerOf(authorization: string | undefined, tokens: TokenVerifier): string {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (m) {
    try {
      return `user:${tokens.verify(m[1]!).userId}`;
    } catch {
      // not a valid token: the request will be refused as it would be without a key
    }
  }
  return `anon:${IdempotencyStore.bodyHash(authorization ?? '')}`;
}

/** An answer worth keeping for repeats: not one that failed for a reason a retry may not meet again. */
function keepable(response: StoredResponse): boolean {
  if (response.status >= 500) return false;
  try {
    const body = JSON.parse(response.body) as
      | { errors?: { extensions?: { code?: string; retriable?: boolean } }[] }
      | { errors?: unknown }[];
    const results = Array.isArray(body) ? body : [body];
    return !results.some((r) =>
      (r as { errors?: { extensions?: { code?: string; retriable?: boolean } }[] }).errors?.some(
        (e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.retriable === true,
      ),
    );
  } catch {
    return false;
  }
}

/** Headers that describe the connection or the framing, not the request: fetch sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'expect']);

export function createGateway(config: GatewayConfig, auth: GatewayAuth, logger: Logger, idempotency?: IdempotencyStore): Gateway {
  const { tokens, keys, revocations } = auth;
  const jwks = JSON.stringify(keys.jwks);
  let sessionFeed: SessionFeed | undefined;
  let feedPublisher: EventPublisher | undefined;
  const production = config.NODE_ENV === 'production';
  const { http, clients } = createClients(config);
  const domains = activeDomains((name) => configured(config, name));
  const matchFeed = new MatchFeed({ brokers: config.KAFKA_BROKERS, logger });
  const needsFeed = domains.some((d) => d.sdl === 'matching.graphql');
  const services = neededServices(domains).map((name) => http[name]);
  const cache = new ResponseCache({ ttlMs: config.GATEWAY_CACHE_TTL_MS, maxBytes: config.GATEWAY_CACHE_MAX_BYTES });
  const invalidator = new CacheInvalidator({ brokers: config.KAFKA_BROKERS, logger, cache });
  const sweeper = setInterval(() => cache.sweep(), 5_000);
  sweeper.unref();
  const registry = createGatewayRegistry();
  // The audit trail: every audited mutation is recorded before its answer leaves (audit-trail.ts).
  const recorder = config.AUDIT_URL
    ? new AuditRecorder({
        // Its own HTTP client: an append that hangs must give up within the record's bound, not the
        // generic service timeout, so the mutation's answer is not held longer than that.
        client: auditClient(new ServiceClient('audit', config.AUDIT_URL, config.AUDIT_RECORD_TIMEOUT_MS)),
        ingestKey: resolveDevSecret(process.env, 'AUDIT_INGEST_KEY', 'dev-audit-ingest-key'),
        logger,
        timeoutMs: config.AUDIT_RECORD_TIMEOUT_MS,
        spoolMax: config.AUDIT_SPOOL_MAX,
      })
    : undefined;
  // Client tokens reach only what their scopes open (client-scopes.ts); inside the audit trail,
  // so a refused client call is recorded as `<name>.denied` like any FORBIDDEN.
  const baseSchema = withClientScopes(buildSchema(domains, { matchFeed }));

  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, GatewayContext>({
    schema: recorder ? withAuditTrail(baseSchema, recorder) : baseSchema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    batching: { limit: config.MAX_BATCH },
    maskedErrors: { maskError: maskError(logger) },
    logging: {
      debug: () => undefined,
      info: (...a: unknown[]) => logger.info({ yoga: a }),
      warn: (...a: unknown[]) => logger.warn({ yoga: a }),
      error: (...a: unknown[]) => logger.error({ yoga: a }),
    },
    context: ({ request, req }) =>
      buildContext(request.headers.get('authorization'), tokens, clients, {
        clientAddress: clientAddress(req, config.TRUSTED_PROXIES),
        revocations,
      }),
    plugins: [
      useGraphqlMetrics(registry), // first: it times what the other plugins cost too
      EnvelopArmorPlugin({
        maxDepth: { n: config.MAX_DEPTH },
        maxAliases: { n: config.MAX_ALIASES },
        maxTokens: { n: config.MAX_TOKENS },
        maxDirectives: { n: 20 },
        costLimit: { maxCost: config.MAX_COST },
        blockFieldSuggestion: { enabled: true },
      }),
      ...(production ? [useNoIntrospection()] : []),
      useRequestErrorCodes(),
      usePasswordChangeGate(),
      useResponseCache(cache),
    ],
  });

  const serveStatic = createStaticHandler();
  const server = createServer((req, res) => {
    const correlationId = (req.headers['x-correlation-id'] as string | undefined) || randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    const url = req.url ?? '/';
    if (url === '/healthz' || url.startsWith('/healthz?')) {
      void health(services).then(({ ok, checks }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
      });
      return;
    }
    // Identity's public keys, for anyone who verifies our tokens (contract: accounts extension).
    if (req.method === 'GET' && (url === '/.well-known/jwks.json' || url.startsWith('/.well-known/jwks.json?'))) {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
      res.end(jwks);
      return;
    }
    if (req.method === 'GET' && url === '/metrics') {
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
      return;
    }
    // CSV exports of the monitor (FINANCE_CENTER), streamed through: services/monitor/README.md.
    if (req.method === 'GET' && config.MONITOR_URL && EXPORT_PATHS.has(url.split('?')[0]!)) {
      withCorrelation(correlationId, () => proxyExport(config.MONITOR_URL!, req, res, config.SERVICE_TIMEOUT_MS, tokens));
      return;
    }
    // The audit trail's CSV export (FINANCE_CENTER), streamed through from the audit service.
    if (req.method === 'GET' && config.AUDIT_URL && url.split('?')[0] === AUDIT_EXPORT_PATH) {
      const replicas = config.AUDIT_URL.split(',');
      withCorrelation(correlationId, () =>
        proxyExport(replicas[Math.floor(Math.random() * replicas.length)]!.trim(), req, res, config.SERVICE_TIMEOUT_MS, tokens, 'audit'),
      );
      return;
    }
    // The open interface's token endpoint: client credentials → a scoped token (oauth-token.ts).
    if (url.split('?')[0] === OAUTH_TOKEN_PATH) {
      withCorrelation(correlationId, () => {
        void serveClientToken(req, res, {
          identity: clients.identity,
          clientAddress: clientAddress(req, config.TRUSTED_PROXIES),
          maxBodyBytes: 64 * 1024,
          logger,
        });
      });
      return;
    }
    // The web console (web/dist) at `/`; never /graphql, /healthz or /export/* (gateway/src/static.ts).
    if (serveStatic(req, res)) return;
    // Refuse oversized bodies before anything parses them (contract: 413 over 1 MB).
    const length = Number(req.headers['content-length'] ?? NaN);
    if (req.method === 'POST') {
      if (Number.isFinite(length) && length > config.MAX_BODY_BYTES) return refuse(res, 413, 'Request body too large (limit 1 MB)');
      if (!Number.isFinite(length) && req.headers['transfer-encoding']) return refuse(res, 411, 'Content-Length required');
    }
    const idempotencyKey = req.headers['idempotency-key'];
    if (idempotency && req.method === 'POST' && idempotencyKey !== undefined && url.split('?')[0] === '/graphql') {
      withCorrelation(correlationId, () => {
        void withIdempotency(req, res, Array.isArray(idempotencyKey) ? idempotencyKey.join(', ') : idempotencyKey, idempotency).catch(
          (err: unknown) => {
            logger.error({ err }, 'idempotent request failed');
            if (!res.headersSent) refuse(res, 500, 'Internal error', 'INTERNAL_SERVER_ERROR');
            else res.destroy();
          },
        );
      });
      return;
    }
    withCorrelation(correlationId, () => {
      void yoga(req, res, { req, res });
    });
  });

  /**
   * `Idempotency-Key` on a mutation request (API-CONTRACT-OPEN.md): the body is read here, the
   * first request executes through yoga's fetch API, and its answer is kept for repeats.
   */
  async function withIdempotency(req: IncomingMessage, res: ServerResponse, key: string, store: IdempotencyStore): Promise<void> {
    const raw = await readBody(req, config.MAX_BODY_BYTES);
    if (!raw) return refuse(res, 413, 'Request body too large (limit 1 MB)');
    const text = raw.toString('utf8');
    const execute = async (): Promise<StoredResponse> => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !HOP_BY_HOP.has(k)) headers.set(k, v);
      const answer = await yoga.fetch(
        `http://${req.headers.host ?? 'gateway'}${req.url ?? '/graphql'}`,
        { method: 'POST', headers, body: raw },
        { req, res },
      );
      return { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', body: await answer.text() };
    };
    const send = (r: StoredResponse, replayed: boolean) => {
      res.writeHead(r.status, { 'content-type': r.contentType, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
      res.end(r.body);
    };
    // A query with a key is just a query: keys make repeats of writes safe, reads are safe already.
    if (!isMutationRequest(text)) return send(await execute(), false);
    if (!validIdempotencyKey(key)) return refuse(res, 400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    let executed = false;
    const result = await store.run(callerOf(req.headers.authorization, tokens), key, text, async () => {
      executed = true;
      const response = await execute();
      return { response, keep: keepable(response) };
    });
    if ('conflict' in result) return refuse(res, 409, result.conflict, 'CONFLICT');
    send(result, !executed);
  }
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  return {
    server,
    services,
    cache,
    start: async () => {
      // Ended sessions first: the gateway must not answer a logged-out token because it started late.
      const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'yinqi-gateway-sessions', logger });
      feedPublisher = new EventPublisher(kafka);
      await feedPublisher.connect();
      sessionFeed = new SessionFeed({
        kafka,
        publisher: feedPublisher,
        logger,
        name: 'gateway',
        onEnded: (e) => revocations.add(e.sessionId, e.userId, Date.parse(e.until)),
      });
      await sessionFeed.start();
      await invalidator.start();
      if (needsFeed) await matchFeed.start();
    },
    stop: async () => {
      clearInterval(sweeper);
      recorder?.stop();
      await invalidator.stop();
      if (needsFeed) await matchFeed.stop();
      await sessionFeed?.stop();
      await feedPublisher?.disconnect();
    },
  };
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

function refuse(res: ServerResponse, status: number, message: string, code = 'BAD_USER_INPUT') {
  res.writeHead(status, { 'content-type': 'application/json', ...(status === 413 || status === 411 ? { connection: 'close' } : {}) });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

async function health(services: ServiceClient[]) {
  const results = await Promise.all(services.map(async (s) => [s.name, await s.healthy()] as const));
  return { ok: results.every(([, v]) => v), checks: Object.fromEntries(results) };
}
