import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import {
  dlqTopic,
  EventValidationError,
  validateEvent,
  type EventDataOf,
  type EventDefinition,
  type EventEnvelope,
} from '@yinqi/contracts';
import { isAppError } from '@yinqi/errors';
import { withCorrelation, type Logger } from '@yinqi/logger';
import type { EventPublisher } from './publisher';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

export type EventHandler = (event: EventEnvelope, meta: MessageMeta) => Promise<void>;

/**
 * Handler entries for one or more event types that share one function, with `data` typed from their
 * schemas: `handlers: { ...onEvent(loanDisbursed, (data, e) => …) }` instead of casting `e.data`.
 * The consumer has validated `data` against the same schema before it calls a handler.
 */
export function onEvent<D extends EventDefinition>(
  defs: D | readonly D[],
  fn: (data: EventDataOf<D>, event: EventEnvelope<EventDataOf<D>>, meta: MessageMeta) => Promise<unknown>,
): Record<string, EventHandler> {
  const list: readonly D[] = Array.isArray(defs) ? (defs as readonly D[]) : [defs as D];
  const handler: EventHandler = async (event, meta) => {
    await fn(event.data as EventDataOf<D>, event as EventEnvelope<EventDataOf<D>>, meta);
  };
  return Object.fromEntries(list.map((d) => [d.type, handler]));
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Handlers by event type; types without a handler are skipped (and committed). */
  handlers: Record<string, EventHandler>;
  /** Used for dead letters. */
  publisher: EventPublisher;
  logger: Logger;
  /** Attempts per message before it goes to `<topic>.dlq`. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt. */
  retryDelayMs?: number;
  fromBeginning?: boolean;
  /**
   * Aggregates (message keys) of one fetched batch handled at once; each key's events still go one
   * at a time, in offset order. Default 1 (one event at a time per partition). Raise it only where
   * every handler writes nothing but the event's own aggregate's documents (a read model keyed by
   * the aggregate): a handler that folds several aggregates into one document (the enterprise
   * service folds every match of a demand into the demand) would meet itself in version conflicts.
   */
  keyConcurrency?: number;
  /**
   * Called when the consumer has crashed for good (kafkajs gave up restarting it). A process whose
   * consumer is gone still answers HTTP and looks alive while its read models fall behind, so the
   * service kit exits and lets the supervisor start a fresh process.
   */
  onFatal?: (err: Error) => void;
}

type MessageTask = Pick<EachMessagePayload, 'topic' | 'partition' | 'message' | 'heartbeat'>;

/**
 * Consumes events with bounded retries. A message that cannot be parsed or validated, or whose
 * handler keeps failing, goes to `<topic>.dlq` with the error in its headers and the partition
 * moves on: one poison message never blocks the aggregates behind it.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private stopping = false;
  private joined = false;
  private readonly keyConcurrency: number;
  /** Counters for /metrics and tests. */
  readonly stats = { applied: 0, skipped: 0, deadLettered: 0, retried: 0 };

  constructor(private readonly opts: EventConsumerOptions) {
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.retryDelayMs = opts.retryDelayMs ?? 100;
    this.keyConcurrency = Math.max(1, opts.keyConcurrency ?? 1);
    this.consumer = opts.kafka.consumer({
      groupId: opts.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 20_000,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
  }

  /** The consumer group this consumer belongs to. */
  get groupId(): string {
    return this.opts.groupId;
  }

  get topics(): readonly string[] {
    return this.opts.topics;
  }

  /** Whether it is in its group and consuming (false before start, after a crash, after stop): readiness. */
  get running(): boolean {
    return this.joined && !this.stopping;
  }

  /** Resolves once the consumer has joined its group and been given partitions. */
  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      if (this.stopping) return;
      this.opts.logger.error(
        { err: payload.error?.message, groupId: this.opts.groupId, restart: payload.restart },
        payload.restart ? 'Kafka consumer crashed; kafkajs restarts it' : 'Kafka consumer crashed for good',
      );
      if (!payload.restart) this.opts.onFatal?.(payload.error);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.opts.topics, fromBeginning: this.opts.fromBeginning ?? true });
    const joined = new Promise<void>((resolve) => {
      const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    // Every partition of the topics at once (services create 3 per topic), batch by batch.
    await this.consumer.run({ eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3, eachBatch: (p) => this.handleBatch(p) });
    await joined;
  }

  /** Finishes the message in flight, commits, and leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
  }

  /**
   * One fetched batch of a partition: its messages grouped by key (the aggregate), up to
   * `keyConcurrency` keys at a time, each key's messages in offset order. One event at a time per
   * partition left the consumer waiting on one database round trip per event; handled side by side,
   * the writes of different aggregates can share round trips (see batchedApplyIfNewer). The batch's
   * offset is committed only when every message in it is handled (or dead-lettered): a crash or a
   * stop part-way redelivers the batch, which handlers absorb by aggregate version.
   */
  /* eslint-disable @typescript-eslint/unbound-method -- kafkajs builds these as closures over the batch, not methods using `this` */
  private async handleBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    /* eslint-enable @typescript-eslint/unbound-method */
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const byKey = new Map<string, KafkaMessage[]>();
    batch.messages.forEach((m, i) => {
      // Keyless messages have no order to keep among themselves: each is its own group.
      const key = m.key ? `k:${m.key.toString('utf8')}` : `i:${i}`;
      const list = byKey.get(key);
      if (list) list.push(m);
      else byKey.set(key, [m]);
    });
    const groups = [...byKey.values()];
    let next = 0;
    const worker = async () => {
      for (let g = next++; g < groups.length; g = next++) {
        for (const message of groups[g]!) await this.handle({ topic: batch.topic, partition: batch.partition, message, heartbeat });
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.min(this.keyConcurrency, groups.length) }, worker));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason; // nothing of this batch committed: redelivered
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    await heartbeat().catch(() => undefined);
  }

  private async handle({ topic, partition, message, heartbeat }: MessageTask): Promise<void> {
    const meta: MessageMeta = { topic, partition, offset: message.offset };
    let event: EventEnvelope;
    try {
      event = validateEvent(JSON.parse(message.value?.toString('utf8') ?? 'null'));
    } catch (err) {
      await this.deadLetter(meta, message, err);
      return;
    }
    const handler = this.opts.handlers[event.type];
    if (!handler) {
      this.stats.skipped += 1;
      return;
    }
    await withCorrelation(event.correlationId, async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await handler(event, meta);
          this.stats.applied += 1;
          return;
        } catch (err) {
          const permanent =
            err instanceof EventValidationError || (isAppError(err) && !err.retriable && err.code !== 'INTERNAL_SERVER_ERROR');
          // The database being away (restarting, unreachable) says nothing about the event: wait for
          // it as long as it takes instead of dead-lettering. A dead letter is never replayed, so
          // with bounded retries (~1.5 s) every event that arrived during a FerretDB restart was
          // lost to this consumer (found by `npm run chaos`). The partition waits; the group keeps us.
          if (!permanent && isInfrastructureError(err)) {
            if (this.stopping) throw err; // not committed: redelivered after restart
            this.stats.retried += 1;
            if (attempt === 1 || attempt % 10 === 0)
              this.opts.logger.warn(
                { type: event.type, key: event.key, attempt, err: (err as Error).message },
                'database unavailable, event waits',
              );
            await new Promise((r) => setTimeout(r, Math.min(this.retryDelayMs * 2 ** Math.min(attempt - 1, 10), 2_000)));
            await heartbeat().catch(() => undefined);
            continue;
          }
          if (permanent || attempt >= this.maxAttempts || this.stopping) {
            if (this.stopping && !permanent) throw err; // not committed: redelivered after restart
            await this.deadLetter(meta, message, err, event);
            return;
          }
          this.stats.retried += 1;
          this.opts.logger.warn(
            { type: event.type, key: event.key, attempt, err: (err as Error).message },
            'event handler failed, retrying',
          );
          await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
        }
      }
    });
  }

  private async deadLetter(meta: MessageMeta, message: KafkaMessage, err: unknown, event?: EventEnvelope) {
    this.stats.deadLettered += 1;
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.opts.logger.error({ ...meta, type: event?.type, key: event?.key, error }, 'event sent to the dead-letter topic');
    await this.opts.publisher.sendRaw(dlqTopic(meta.topic), {
      key: message.key,
      value: message.value,
      headers: {
        'dlq-error': error.slice(0, 2000),
        'dlq-original-topic': meta.topic,
        'dlq-original-partition': String(meta.partition),
        'dlq-original-offset': meta.offset,
        'dlq-consumer-group': this.opts.groupId,
        'dlq-failed-at': new Date().toISOString(),
      },
    });
  }
}

/**
 * Whether an error says the database cannot be reached (driver network and server-selection errors,
 * also when wrapped as the `cause` of another error) rather than that the operation is wrong.
 */
export function isInfrastructureError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const name = (err as { name?: unknown }).name;
  if (
    typeof name === 'string' &&
    /^Mongo(ose)?(Network|NetworkTimeout|ServerSelection|NotConnected|PoolCleared|TopologyClosed|ServerClosed)Error$/.test(name)
  )
    return true;
  return isInfrastructureError((err as { cause?: unknown }).cause, depth + 1);
}
