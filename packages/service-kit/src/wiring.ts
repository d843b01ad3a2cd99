import type { Server } from 'node:http';
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
import { knownTopics } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import { createKafka, ensureTopics, EventConsumer, EventPublisher, OutboxRelay, SessionFeed, type OutboxDocument } from '@yinqi/events';
import type { Express } from 'express';
import { closeServer, createServiceApp, finishApp, handleShutdown, type Closable, type Metrics } from '@yinqi/http';
import type { Logger } from '@yinqi/logger';
import type { ConsumerSpec, ServiceConfig, ServiceContext, ServiceParts } from './index';
import { downtimeWatchdog, type startupDeadline } from './watchdog';

/** Logs why the process cannot go on and, in a real process, exits so its supervisor starts a fresh one. */
export type GiveUp = (fields: Record<string, unknown>, why: string) => void;

export function giveUpWith(logger: Logger, exitOnFatal: boolean): GiveUp {
  return (fields, why) => {
    logger.fatal(fields, `${why}; exiting so the supervisor starts a fresh process`);
    if (exitOnFatal) process.exit(1);
  };
}

/** The express app: the kit's middleware and health checks around the service's routes. */
export function serviceApp(
  { name, logger, metrics, tokens, db }: ServiceContext,
  parts: ServiceParts,
  consumers: EventConsumer[],
): Express {
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
  return app;
}

/** Verifies callers' tokens; identity alone is given (and reads) the private keys and issues them. */
export function tokenAuthority(
  config: ServiceConfig,
  env: NodeJS.ProcessEnv,
  signsTokens: boolean,
): { revocations: SessionRevocations; tokens: TokenVerifier; tokenIssuer: TokenService | undefined } {
  const tokenSettings = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    maxSessionSeconds: config.MAX_SESSION_SECONDS,
  };
  const revocations = new SessionRevocations();
  // Only identity is given (and reads) the private keys; everyone else verifies with public ones.
  const signing = signsTokens ? resolveSigningKeys(env) : [];
  const verification = resolveVerificationKeys(env, signing);
  const tokenIssuer = signsTokens ? createTokenService(tokenSettings, signing[0]!, verification, revocations) : undefined;
  const tokens: TokenVerifier = tokenIssuer ?? createTokenVerifier(tokenSettings, verification, revocations);
  return { revocations, tokens, tokenIssuer };
}

/** The service's own database, its Kafka topics, the producer and the session feed, each a named start-up step. */
export async function connectInfrastructure(
  o: {
    name: string;
    config: ServiceConfig;
    logger: Logger;
    metrics: Metrics;
    revocations: SessionRevocations;
    start: ReturnType<typeof startupDeadline>;
  },
  dbName: string | undefined,
) {
  const { name, config, logger, metrics, start } = o;
  start.step('database');
  const db = await connectDatabase({
    url: config.MONGO_URL,
    dbName: dbName ?? `${config.YINQI_DB_PREFIX}_${name}`,
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
    onEnded: (e) => o.revocations.add(e.sessionId, e.userId, Date.parse(e.until)),
  });
  start.step('session feed');
  await sessionFeed.start();
  return { db, kafka, publisher, sessionFeed };
}

/** The relay over the service's outbox collections, timing each event from written to published. */
export function outboxRelay({ db, publisher, logger, metrics }: ServiceContext, parts: ServiceParts): OutboxRelay {
  return new OutboxRelay({
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
}

/** One consumer group of the service. A consumer gone for good leaves a process that answers HTTP and lets its read models fall behind. */
export function eventConsumer({ name, config, kafka, publisher, logger }: ServiceContext, c: ConsumerSpec, giveUp: GiveUp): EventConsumer {
  return new EventConsumer({
    kafka,
    groupId: `${config.YINQI_DB_PREFIX}-${name}${c.group ? `-${c.group}` : ''}`,
    topics: c.topics,
    handlers: c.handlers,
    publisher,
    logger,
    ...(c.keyConcurrency ? { keyConcurrency: c.keyConcurrency } : {}),
    onFatal: (err) => giveUp({ err: err.message }, 'a Kafka consumer crashed for good'),
  });
}

/** Exits (through `giveUp`) when the database or a consumer stays down longer than configured. */
export function exitWatchdogs(config: ServiceConfig, db: Connection, consumers: EventConsumer[], giveUp: GiveUp) {
  return [
    // A connection that never comes back after a database restart: exit so a fresh process reconnects.
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
}

/**
 * What shutdown closes, in order: stop taking work (HTTP, consumers), then what produces events,
 * then what the rest writes through (relay, producer, database).
 */
export function drainOrder(
  o: {
    server: Server;
    consumers: EventConsumer[];
    sessionFeed: SessionFeed;
    operational: { close: () => Promise<void> };
    relay: OutboxRelay;
    watchdogs: { stop: () => void }[];
  },
  { publisher, db }: ServiceContext,
  parts: ServiceParts,
): Closable[] {
  return [
    { name: 'http', close: () => closeServer(o.server) },
    ...o.consumers.map((c, i) => ({ name: `consumer-${i}`, close: () => c.stop() })),
    { name: 'session-feed', close: () => o.sessionFeed.stop() },
    ...(parts.closables ?? []),
    { name: 'metrics-admin', close: () => o.operational.close() },
    { name: 'outbox-relay', close: () => o.relay.stop() },
    { name: 'producer', close: () => publisher.disconnect() },
    { name: 'database', close: async () => (o.watchdogs.forEach((w) => w.stop()), db.close()) },
  ];
}

/** The ordered drain: on SIGTERM/SIGINT when the process owns its signals, else (in-process tests) once on stop(). */
export function stopper(installSignalHandlers: boolean, logger: Logger, steps: Closable[]): () => Promise<void> {
  if (installSignalHandlers) {
    const { shutdown } = handleShutdown(logger, steps);
    return () => shutdown('stop()');
  }
  let done: Promise<void> | undefined;
  return () =>
    (done ??= (async () => {
      for (const s of steps) await s.close().catch(() => undefined);
    })());
}
