import type { Server } from 'node:http';
import type { Router } from 'express';
import type { Kafka } from 'kafkajs';
import { ConnectionStates } from 'mongoose';
import {
  createTokenService,
  createTokenVerifier,
  resolveSigningKeys,
  resolveVerificationKeys,
  SessionRevocations,
  type TokenService,
  type TokenVerifier,
} from '@yinqi/auth';
import { baseServiceEnv, loadConfig, port, z } from '@yinqi/config';
import { knownTopics } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  EventPublisher,
  OutboxRelay,
  SessionFeed,
  type EventHandler,
  type OutboxDocument,
} from '@yinqi/events';
import { closeServer, createServiceApp, finishApp, handleShutdown, listen, Metrics, type Closable } from '@yinqi/http';
import { createLogger, type Logger } from '@yinqi/logger';
import { operationalMetrics } from './operational-metrics';
import { downtimeWatchdog, startupDeadline } from './watchdog';

export const serviceEnvSchema = z.object({
  ...baseServiceEnv,
  PORT: port(4010),
  HOST: z.string().default('127.0.0.1'),
  YINQI_DB_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/i)
    .default('yinqi'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  MAX_SESSION_SECONDS: z.coerce.number().int().min(300).default(43_200),
  /** Exit when the database connection has been down this long (a supervisor restarts the process). */
  DB_LOST_EXIT_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Exit when a Kafka consumer has been out of its group this long (kafkajs restarts it until then). */
  CONSUMER_LOST_EXIT_MS: z.coerce.number().int().min(1_000).default(120_000),
  /** Exit when the start (database, topics, session feed, consumers joining, listen) takes longer than this. */
  STARTUP_DEADLINE_MS: z.coerce.number().int().min(1_000).default(120_000),
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
  /** Aggregates of one batch handled at once (EventConsumerOptions.keyConcurrency); default 1. */
  keyConcurrency?: number;
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
  // A real process exits when it cannot go on, so its supervisor starts a fresh one (in-process tests just log).
  const exitOnFatal = opts.installSignalHandlers ?? true;
  const giveUp = (fields: Record<string, unknown>, why: string) => {
    logger.fatal(fields, `${why}; exiting so the supervisor starts a fresh process`);
    if (exitOnFatal) process.exit(1);
  };
  const start = startupDeadline({
    deadlineMs: config.STARTUP_DEADLINE_MS,
    onMissed: (step, ms) => giveUp({ step, ms }, 'start did not finish in time'),
  });
  const tokenSettings = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    maxSessionSeconds: config.MAX_SESSION_SECONDS,
  };
  const revocations = new SessionRevocations();
  // Only identity is given (and reads) the private keys; everyone else verifies with public ones.
  const signing = opts.signsTokens ? resolveSigningKeys(env) : [];
  const verification = resolveVerificationKeys(env, signing);
  const tokenIssuer = opts.signsTokens ? createTokenService(tokenSettings, signing[0]!, verification, revocations) : undefined;
  const tokens: TokenVerifier = tokenIssuer ?? createTokenVerifier(tokenSettings, verification, revocations);
  const metrics = new Metrics();
  start.step('database');
  const db = await connectDatabase({
    url: config.MONGO_URL,
    dbName: opts.dbName ?? `${config.YINQI_DB_PREFIX}_${name}`,
    logger,
    onCommand: (command, ms, ok) =>
      metrics.observe('db_command_duration_seconds', 'Database command latency', { command, outcome: ok ? 'ok' : 'error' }, ms / 1000),
  });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `yinqi-${name}`, logger });
  start.step('kafka topics');
  await ensureTopics(kafka, knownTopics());
  const publisher = new EventPublisher(kafka);
  start.step('kafka producer');
  await publisher.connect();
  const sessionFeed = new SessionFeed({
    kafka,
    publisher,
    logger,
    name: `${config.YINQI_DB_PREFIX}-${name}`,
    onEnded: (e) => revocations.add(e.sessionId, e.userId, Date.parse(e.until)),
  });
  start.step('session feed');
  await sessionFeed.start();

  let relay: OutboxRelay | undefined;
  const ctx: ServiceContext = {
    name,
    config,
    env,
    logger,
    db,
    kafka,
    publisher,
    tokens,
    tokenIssuer,
    revocations,
    metrics,
    kickRelay: (ids) => relay?.kick(ids),
    relayInserted: (collection, docs) => relay?.inserted(collection, docs),
  };
  start.step('service setup');
  const parts = await setup(ctx);

  relay = new OutboxRelay({
    collections: parts.outboxCollections.map((c) => db.db!.collection<OutboxDocument>(c)),
    publisher,
    logger,
    onPublished: (events) => {
      const now = Date.now();
      for (const e of events)
        metrics.observe(
          'outbox_publish_delay_seconds',
          'From an event being written to its publication',
          {},
          Math.max(0, now - Date.parse(e.occurredAt)) / 1000,
        );
    },
  });
  // A consumer gone for good leaves a process that answers HTTP and lets its read models fall behind.
  const consumers = (parts.consumers ?? []).map(
    (c) =>
      new EventConsumer({
        kafka,
        groupId: `${config.YINQI_DB_PREFIX}-${name}${c.group ? `-${c.group}` : ''}`,
        topics: c.topics,
        handlers: c.handlers,
        publisher,
        logger,
        ...(c.keyConcurrency ? { keyConcurrency: c.keyConcurrency } : {}),
        onFatal: (err) => giveUp({ err: err.message }, 'a Kafka consumer crashed for good'),
      }),
  );
  const operational = operationalMetrics(metrics, { kafka, relay, consumers });

  const app = createServiceApp({
    name,
    logger,
    metrics,
    tokens,
    passwordChangeAllowed: parts.passwordChangeAllowed ?? [],
    checks: {
      database: () => db.readyState === ConnectionStates.connected,
      kafkaConsumers: () => consumers.every((c) => c.running),
      ...(parts.checks ?? {}),
    },
  });
  app.use(parts.routes);
  finishApp(app);

  relay.start();
  start.step('kafka consumers joining their groups');
  await Promise.all(consumers.map((c) => c.start()));
  // A connection that never comes back after a database restart: exit so a fresh process reconnects.
  const watchdogs = [
    downtimeWatchdog({
      isUp: () => db.readyState === ConnectionStates.connected,
      lostAfterMs: config.DB_LOST_EXIT_MS,
      onLost: (downMs) => giveUp({ downMs }, 'database connection lost and not re-established'),
    }),
    // A consumer that kafkajs keeps failing to bring back into its group (/healthz 503 for good).
    downtimeWatchdog({
      isUp: () => consumers.every((c) => c.running),
      lostAfterMs: config.CONSUMER_LOST_EXIT_MS,
      onLost: (downMs) =>
        giveUp({ downMs, groups: consumers.filter((c) => !c.running).map((c) => c.groupId) }, 'a Kafka consumer stayed out of its group'),
    }),
  ];
  start.step('listen');
  const server = await listen(app, config.PORT, config.HOST);
  start.done();
  logger.info({ port: config.PORT }, `${name} service listening`);

  const steps: Closable[] = [
    { name: 'http', close: () => closeServer(server) },
    ...consumers.map((c, i) => ({ name: `consumer-${i}`, close: () => c.stop() })),
    { name: 'session-feed', close: () => sessionFeed.stop() },
    ...(parts.closables ?? []),
    { name: 'metrics-admin', close: () => operational.close() },
    { name: 'outbox-relay', close: () => relay.stop() },
    { name: 'producer', close: () => publisher.disconnect() },
    { name: 'database', close: async () => (watchdogs.forEach((w) => w.stop()), db.close()) },
  ];
  let stop: () => Promise<void>;
  if (opts.installSignalHandlers ?? true) {
    const { shutdown } = handleShutdown(logger, steps);
    stop = () => shutdown('stop()');
  } else {
    let done: Promise<void> | undefined;
    stop = () =>
      (done ??= (async () => {
        for (const s of steps) await s.close().catch(() => undefined);
      })());
  }
  return { ctx, server, relay, consumers, stop };
}
