import type { Server } from 'node:http';
import type { Router } from 'express';
import type { Kafka } from 'kafkajs';
import type { SessionRevocations, TokenService, TokenVerifier } from '@yinqi/auth';
import { baseServiceEnv, loadConfig, port, z } from '@yinqi/config';
import type { Connection } from '@yinqi/db';
import type { EventConsumer, EventHandler, EventPublisher, OutboxDocument, OutboxRelay } from '@yinqi/events';
import { listen, Metrics, type Closable } from '@yinqi/http';
import { createLogger, type Logger } from '@yinqi/logger';
import { operationalMetrics } from './operational-metrics';
import { startupDeadline } from './watchdog';
import {
  connectInfrastructure,
  drainOrder,
  eventConsumer,
  exitWatchdogs,
  giveUpWith,
  outboxRelay,
  serviceApp,
  stopper,
  tokenAuthority,
} from './wiring';

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
  const giveUp = giveUpWith(logger, opts.installSignalHandlers ?? true);
  const start = startupDeadline({
    deadlineMs: config.STARTUP_DEADLINE_MS,
    onMissed: (step, ms) => giveUp({ step, ms }, 'start did not finish in time'),
  });
  const { revocations, tokens, tokenIssuer } = tokenAuthority(config, env, opts.signsTokens ?? false);
  const metrics = new Metrics();
  const infra = await connectInfrastructure({ name, config, logger, metrics, revocations, start }, opts.dbName);
  const { db, kafka, publisher, sessionFeed } = infra;

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
  relay = outboxRelay(ctx, parts);
  const consumers = (parts.consumers ?? []).map((c) => eventConsumer(ctx, c, giveUp));
  const operational = operationalMetrics(metrics, { kafka, relay, consumers });
  const app = serviceApp(ctx, parts, consumers);

  relay.start();
  start.step('kafka consumers joining their groups');
  await Promise.all(consumers.map((c) => c.start()));
  const watchdogs = exitWatchdogs(config, db, consumers, giveUp);
  start.step('listen');
  const server = await listen(app, config.PORT, config.HOST);
  start.done();
  logger.info({ port: config.PORT }, `${name} service listening`);

  const steps = drainOrder({ server, consumers, sessionFeed, operational, relay, watchdogs }, ctx, parts);
  return { ctx, server, relay, consumers, stop: stopper(opts.installSignalHandlers ?? true, logger, steps) };
}
