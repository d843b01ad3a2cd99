import type { Server } from 'node:http';
import type { Router } from 'express';
import type { Kafka } from 'kafkajs';
import { createTokenService, createTokenVerifier, resolveSigningKeys, resolveVerificationKeys, SessionRevocations, type TokenService, type TokenVerifier } from '@yinqi/auth';
import { baseServiceEnv, loadConfig, port, z } from '@yinqi/config';
import { knownTopics } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import { createKafka, ensureTopics, EventConsumer, EventPublisher, OutboxRelay, SessionFeed, type EventHandler, type OutboxDocument } from '@yinqi/events';
import { closeServer, createServiceApp, finishApp, handleShutdown, listen, Metrics, type Closable } from '@yinqi/http';
import { createLogger, type Logger } from '@yinqi/logger';
import { databaseWatchdog } from './watchdog';

export const serviceEnvSchema = z.object({
  ...baseServiceEnv,
  PORT: port(4010),
  HOST: z.string().default('127.0.0.1'),
  YINQI_DB_PREFIX: z.string().regex(/^[a-z][a-z0-9_]*$/i).default('yinqi'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  MAX_SESSION_SECONDS: z.coerce.number().int().min(300).default(43_200),
  /** Exit when the database connection has been down this long (a supervisor restarts the process). */
  DB_LOST_EXIT_MS: z.coerce.number().int().min(1_000).default(30_000),
});
export type ServiceConfig = z.infer<typeof serviceEnvSchema>;

export interface ServiceContext {
  name: string;
  config: ServiceConfig;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  db: Connection;
  kafka: Kafka;
  publisher: EventPublisher;
  /** Verifies callers' tokens with identity's public keys, refusing ended sessions. */
  tokens: TokenVerifier;
  /** Identity only (runService's `signsTokens`): issues tokens with the private key. */
  tokenIssuer: TokenService | undefined;
  /** Sessions ended (logout, revocations), fed from the session topic. */
  revocations: SessionRevocations;
  metrics: Metrics;
  /** Ask the outbox relay to publish now (after a write that stored events). */
  /** Asks the outbox relay for a pass; give the written documents' ids so it reads just those (see OutboxRelay.kick). */
  kickRelay: (ids?: string | readonly string[]) => void;
  /** Hands newly inserted documents (with their whole outbox) to the relay: published without a read (see OutboxRelay.inserted). */
  relayInserted: (collection: string, docs: readonly OutboxDocument[]) => void;
}

export interface ConsumerSpec {
  /** Appended to the service name to form the consumer group id. */
  group?: string;
  topics: string[];
  handlers: Record<string, EventHandler>;
}

export interface ServiceParts {
  routes: Router;
  /** Names of the collections whose documents carry an `outbox` array. */
  outboxCollections: string[];
  consumers?: ConsumerSpec[];
  checks?: Record<string, () => Promise<boolean> | boolean>;
  /** Extra things to close on shutdown, after consumers and before the database. */
  closables?: Closable[];
  /**
   * Paths a caller who must change their password may still use (identity's me, password change
   * and logout); every other request with such a token is FORBIDDEN (PASSWORD_CHANGE_REQUIRED).
   */
  passwordChangeAllowed?: string[];
}

export interface RunningService {
  ctx: ServiceContext;
  server: Server;
  relay: OutboxRelay;
  consumers: EventConsumer[];
  /** The same ordered drain SIGTERM runs. */
  stop: () => Promise<void>;
}

/**
 * Wires one service: config, logger, its own database, Kafka topics, the publisher, the outbox
 * relay, its consumers, the express app and the shutdown order. `setup` builds the service's own
 * routes and handlers from the context; nothing else is service-specific.
 */
export async function runService(
  name: string,
  setup: (ctx: ServiceContext) => Promise<ServiceParts>,
  opts: { env?: NodeJS.ProcessEnv; installSignalHandlers?: boolean; dbName?: string; signsTokens?: boolean } = {},
): Promise<RunningService> {
  const env = opts.env ?? process.env;
  const config = loadConfig(serviceEnvSchema, env);
  const logger = createLogger(name, config.LOG_LEVEL);
  const tokenSettings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, maxSessionSeconds: config.MAX_SESSION_SECONDS };
  const revocations = new SessionRevocations();
  // Only identity is given (and reads) the private keys; everyone else verifies with public ones.
  const signing = opts.signsTokens ? resolveSigningKeys(env) : [];
  const verification = resolveVerificationKeys(env, signing);
  const tokenIssuer = opts.signsTokens ? createTokenService(tokenSettings, signing[0]!, verification, revocations) : undefined;
  const tokens: TokenVerifier = tokenIssuer ?? createTokenVerifier(tokenSettings, verification, revocations);
  const db = await connectDatabase({ url: config.MONGO_URL, dbName: opts.dbName ?? `${config.YINQI_DB_PREFIX}_${name}`, logger });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `yinqi-${name}`, logger });
  await ensureTopics(kafka, knownTopics());
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  const sessionFeed = new SessionFeed({
    kafka,
    publisher,
    logger,
    name: `${config.YINQI_DB_PREFIX}-${name}`,
    onEnded: (e) => revocations.add(e.sessionId, e.userId, Date.parse(e.until)),
  });
  await sessionFeed.start();
  const metrics = new Metrics();

  let relay: OutboxRelay | undefined;
  const ctx: ServiceContext = { name, config, env, logger, db, kafka, publisher, tokens, tokenIssuer, revocations, metrics, kickRelay: (ids) => relay?.kick(ids), relayInserted: (collection, docs) => relay?.inserted(collection, docs) };
  const parts = await setup(ctx);

  relay = new OutboxRelay({
    collections: parts.outboxCollections.map((c) => db.db!.collection<OutboxDocument>(c)),
    publisher,
    logger,
  });
  const consumers = (parts.consumers ?? []).map(
    (c) => new EventConsumer({ kafka, groupId: `${config.YINQI_DB_PREFIX}-${name}${c.group ? `-${c.group}` : ''}`, topics: c.topics, handlers: c.handlers, publisher, logger }),
  );
  metrics.gauge('outbox_events_published_total', 'Events published by the outbox relay', () => relay!.published);
  metrics.gauge('events_applied_total', 'Events applied by consumers', () => consumers.reduce((n, c) => n + c.stats.applied, 0));
  metrics.gauge('events_dead_lettered_total', 'Events sent to a DLQ', () => consumers.reduce((n, c) => n + c.stats.deadLettered, 0));

  const app = createServiceApp({
    name,
    logger,
    metrics,
    tokens,
    passwordChangeAllowed: parts.passwordChangeAllowed ?? [],
    checks: { database: () => db.readyState === 1, ...(parts.checks ?? {}) },
  });
  app.use(parts.routes);
  finishApp(app);

  relay.start();
  await Promise.all(consumers.map((c) => c.start()));
  // A connection that never comes back after a database restart: exit so a fresh process reconnects.
  const watchdog = databaseWatchdog({
    isUp: () => db.readyState === 1,
    lostAfterMs: config.DB_LOST_EXIT_MS,
    onLost: (downMs) => {
      logger.fatal({ downMs }, 'database connection lost and not re-established; exiting so the supervisor starts a fresh process');
      process.exit(1);
    },
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ port: config.PORT }, `${name} service listening`);

  const steps: Closable[] = [
    { name: 'http', close: () => closeServer(server) },
    ...consumers.map((c, i) => ({ name: `consumer-${i}`, close: () => c.stop() })),
    { name: 'session-feed', close: () => sessionFeed.stop() },
    ...(parts.closables ?? []),
    { name: 'outbox-relay', close: () => relay!.stop() },
    { name: 'producer', close: () => publisher.disconnect() },
    { name: 'database', close: async () => (watchdog.stop(), db.close()) },
  ];
  let stop: () => Promise<void>;
  if (opts.installSignalHandlers ?? true) {
    const { shutdown } = handleShutdown(logger, steps);
    stop = () => shutdown('stop()');
  } else {
    let done: Promise<void> | undefined;
    stop = () => (done ??= (async () => {
      for (const s of steps) await s.close().catch(() => undefined);
    })());
  }
  return { ctx, server, relay, consumers, stop };
}
