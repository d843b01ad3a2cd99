import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { SessionRevocations, TokenVerifier, VerificationKeys } from '@yinqi/auth';
import { createKafka, EventPublisher, SessionFeed } from '@yinqi/events';
import { withCorrelation, type Logger } from '@yinqi/logger';
import { resolveDevSecret } from '@yinqi/config';
import { configured, createClients } from './clients';
import { ServiceClient } from './clients/service-client';
import { auditClient } from './clients/audit-client';
import type { GatewayConfig } from './config';
import { MatchFeed } from './match-feed';
import { createGatewayRegistry } from './metrics';
import { CacheInvalidator, ResponseCache } from './response-cache';
import { createStaticHandler } from './static';
import type { IdempotencyStore } from './idempotency';
import { activeDomains, neededServices } from './schema';
import { AuditRecorder } from './audit-recorder';
import { createGraphqlHandler, type GraphqlHandler } from './graphql-handler';
import { answerIdempotently } from './idempotent-request';
import { createSideRoutes } from './side-routes';
import { refuse } from './refuse';

export interface Gateway {
  server: Server;
  services: ServiceClient[];
  /** The answer cache of common reads (response-cache.ts). */
  cache: ResponseCache;
  /** Starts what needs I/O (the match event feed) before the server listens. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface GatewayAuth {
  tokens: TokenVerifier;
  /** Identity's public keys: served as the JWKS. */
  keys: VerificationKeys;
  /** Ended sessions, fed from Kafka by start(). */
  revocations: SessionRevocations;
}

export function createGateway(config: GatewayConfig, auth: GatewayAuth, logger: Logger, idempotency?: IdempotencyStore): Gateway {
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
  const recorder = auditRecorder(config, logger);
  const yoga = createGraphqlHandler({ config, auth, logger, clients, domains, matchFeed, registry, cache, recorder });
  const sideRoutes = createSideRoutes({
    config,
    logger,
    tokens: auth.tokens,
    jwks: JSON.stringify(auth.keys.jwks),
    services,
    clients,
    registry,
    cache,
    recorder,
  });
  const serveStatic = createStaticHandler();
  const server = createServer((req, res) => {
    const correlationId = (req.headers['x-correlation-id'] as string | undefined) || randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    const url = req.url ?? '/';
    if (sideRoutes(req, res, url, correlationId)) return;
    // The web console (web/dist) at `/`; never /graphql, /healthz or /export/* (gateway/src/static.ts).
    if (serveStatic(req, res)) return;
    serveGraphql({ config, logger, auth, yoga, idempotency }, req, res, url, correlationId);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  const feeds = sessionFeeds(config, auth, logger);
  return {
    server,
    services,
    cache,
    start: async () => {
      // Ended sessions first: the gateway must not answer a logged-out token because it started late.
      await feeds.start();
      await invalidator.start();
      if (needsFeed) await matchFeed.start();
    },
    stop: async () => {
      clearInterval(sweeper);
      recorder?.stop();
      await invalidator.stop();
      if (needsFeed) await matchFeed.stop();
      await feeds.stop();
    },
  };
}

/** The audit trail: every audited mutation is recorded before its answer leaves (audit-trail.ts). */
function auditRecorder(config: GatewayConfig, logger: Logger): AuditRecorder | undefined {
  if (!config.AUDIT_URL) return undefined;
  return new AuditRecorder({
    // Its own HTTP client: an append that hangs must give up within the record's bound, not the
    // generic service timeout, so the mutation's answer is not held longer than that.
    client: auditClient(new ServiceClient('audit', config.AUDIT_URL, config.AUDIT_RECORD_TIMEOUT_MS)),
    ingestKey: resolveDevSecret(process.env, 'AUDIT_INGEST_KEY', 'dev-audit-ingest-key'),
    logger,
    timeoutMs: config.AUDIT_RECORD_TIMEOUT_MS,
    spoolMax: config.AUDIT_SPOOL_MAX,
  });
}

/** Ended sessions from Kafka into the revocation list, so a logged-out token stops working here too. */
function sessionFeeds(config: GatewayConfig, auth: GatewayAuth, logger: Logger) {
  let sessionFeed: SessionFeed | undefined;
  let feedPublisher: EventPublisher | undefined;
  return {
    start: async () => {
      const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'yinqi-gateway-sessions', logger });
      feedPublisher = new EventPublisher(kafka);
      await feedPublisher.connect();
      sessionFeed = new SessionFeed({
        kafka,
        publisher: feedPublisher,
        logger,
        name: 'gateway',
        onEnded: (e) => auth.revocations.add(e.sessionId, e.userId, Date.parse(e.until)),
      });
      await sessionFeed.start();
    },
    stop: async () => {
      await sessionFeed?.stop();
      await feedPublisher?.disconnect();
    },
  };
}

interface GraphqlRoute {
  config: GatewayConfig;
  logger: Logger;
  auth: GatewayAuth;
  yoga: GraphqlHandler;
  idempotency: IdempotencyStore | undefined;
}

/** /graphql: body limits first, then a keyed mutation through the idempotency store, else straight to yoga. */
function serveGraphql(o: GraphqlRoute, req: IncomingMessage, res: ServerResponse, url: string, correlationId: string): void {
  const { config, logger, idempotency } = o;
  // Refuse oversized bodies before anything parses them (contract: 413 over 1 MB).
  const length = Number(req.headers['content-length'] ?? NaN);
  if (req.method === 'POST') {
    if (Number.isFinite(length) && length > config.MAX_BODY_BYTES) return refuse(res, 413, 'Request body too large (limit 1 MB)');
    if (!Number.isFinite(length) && req.headers['transfer-encoding']) return refuse(res, 411, 'Content-Length required');
  }
  const idempotencyKey = req.headers['idempotency-key'];
  if (idempotency && req.method === 'POST' && idempotencyKey !== undefined && url.split('?')[0] === '/graphql') {
    const key = Array.isArray(idempotencyKey) ? idempotencyKey.join(', ') : idempotencyKey;
    const options = { yoga: o.yoga, tokens: o.auth.tokens, store: idempotency, maxBodyBytes: config.MAX_BODY_BYTES };
    withCorrelation(correlationId, () => {
      void answerIdempotently(options, req, res, key).catch((err: unknown) => {
        logger.error({ err }, 'idempotent request failed');
        if (!res.headersSent) refuse(res, 500, 'Internal error', 'INTERNAL_SERVER_ERROR');
        else res.destroy();
      });
    });
    return;
  }
  withCorrelation(correlationId, () => {
    void o.yoga(req, res, { req, res });
  });
}
