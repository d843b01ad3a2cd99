import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { dlqTopic, EventValidationError, validateEvent, type EventEnvelope } from '@yinqi/contracts';
import { isAppError } from '@yinqi/errors';
import { withCorrelation, type Logger } from '@yinqi/logger';
import type { EventPublisher } from './publisher';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

export type EventHandler = (event: EventEnvelope, meta: MessageMeta) => Promise<void>;

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
}

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
  /** Counters for /metrics and tests. */
  readonly stats = { applied: 0, skipped: 0, deadLettered: 0, retried: 0 };

  constructor(private readonly opts: EventConsumerOptions) {
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.retryDelayMs = opts.retryDelayMs ?? 100;
    this.consumer = opts.kafka.consumer({
      groupId: opts.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 20_000,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
  }

  /** Resolves once the consumer has joined its group and been given partitions. */
  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.opts.topics, fromBeginning: this.opts.fromBeginning ?? true });
    const joined = new Promise<void>((resolve) => {
      const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    await this.consumer.run({ eachMessage: (p) => this.handle(p) });
    await joined;
  }

  /** Finishes the message in flight, commits, and leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
  }

  private async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
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
          const permanent = err instanceof EventValidationError || (isAppError(err) && !err.retriable && err.code !== 'INTERNAL_SERVER_ERROR');
          // The database being away (restarting, unreachable) says nothing about the event: wait for
          // it as long as it takes instead of dead-lettering. A dead letter is never replayed, so
          // with bounded retries (~1.5 s) every event that arrived during a FerretDB restart was
          // lost to this consumer (found by `npm run chaos`). The partition waits; the group keeps us.
          if (!permanent && isInfrastructureError(err)) {
            if (this.stopping) throw err; // not committed: redelivered after restart
            this.stats.retried += 1;
            if (attempt === 1 || attempt % 10 === 0) this.opts.logger.warn({ type: event.type, key: event.key, attempt, err: (err as Error).message }, 'database unavailable, event waits');
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
          this.opts.logger.warn({ type: event.type, key: event.key, attempt, err: (err as Error).message }, 'event handler failed, retrying');
          await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
        }
      }
    });
  }

  private async deadLetter(meta: MessageMeta, message: EachMessagePayload['message'], err: unknown, event?: EventEnvelope) {
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
  if (typeof name === 'string' && /^Mongo(ose)?(Network|NetworkTimeout|ServerSelection|NotConnected|PoolCleared|TopologyClosed|ServerClosed)Error$/.test(name)) return true;
  return isInfrastructureError((err as { cause?: unknown }).cause, depth + 1);
}
