import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { SESSION_TOPIC, sessionEnded, type SessionEnded } from '@yinqi/contracts';
import type { Logger } from '@yinqi/logger';
import { EventConsumer, onEvent } from './consumer';
import type { EventPublisher } from './publisher';

export interface SessionFeedOptions {
  kafka: Kafka;
  publisher: EventPublisher;
  logger: Logger;
  /** Names this process's consumer group (a fresh one per start: every process reads every partition). */
  name: string;
  onEnded: (e: SessionEnded) => void;
  /** How long start() waits to have read what the topic held when it started. */
  catchUpTimeoutMs?: number;
}

/**
 * Follows identity's `session.ended` events in this process: every process (gateway, each
 * service replica) reads the whole session topic in a consumer group of its own, from the
 * beginning, so one that starts after a logout learns of it too. `start()` resolves once what
 * the topic held at start has been read: a process does not answer before it knows which
 * sessions were ended.
 */
export class SessionFeed {
  private consumer: EventConsumer | undefined;
  private readonly seen = new Map<number, bigint>();

  constructor(private readonly opts: SessionFeedOptions) {}

  async start(): Promise<void> {
    const targets = await this.endOffsets();
    let wake: () => void = () => undefined;
    const caughtUp = () => targets.every((t) => (this.seen.get(t.partition) ?? -1n) >= t.last);
    this.consumer = new EventConsumer({
      kafka: this.opts.kafka,
      groupId: `${this.opts.name}-sessions-${randomUUID()}`,
      topics: [SESSION_TOPIC],
      publisher: this.opts.publisher,
      logger: this.opts.logger,
      fromBeginning: true,
      handlers: {
        ...onEvent(sessionEnded, async (ended, _e, meta) => {
          this.opts.onEnded(ended);
          const offset = BigInt(meta.offset);
          if (offset > (this.seen.get(meta.partition) ?? -1n)) this.seen.set(meta.partition, offset);
          wake();
        }),
      },
    });
    await this.consumer.start();
    if (caughtUp()) return;
    const timeoutMs = this.opts.catchUpTimeoutMs ?? 30_000;
    await new Promise<void>((resolve) => {
      // A message that could never be read (dead-lettered) must not keep a process from starting.
      const timer = setTimeout(() => {
        this.opts.logger.warn({ topic: SESSION_TOPIC, timeoutMs }, 'session feed not caught up in time; starting anyway');
        resolve();
      }, timeoutMs);
      wake = () => {
        if (!caughtUp()) return;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * The last offset of each non-empty partition now. A topic created a moment ago (several
   * processes start together and race to create it) may have partitions without a leader for a
   * while ("not the leader for that topic-partition"): asked again, with a pause, as ensureTopics does.
   */
  private async endOffsets(attempts = 20): Promise<{ partition: number; last: bigint }[]> {
    const admin = this.opts.kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return (await admin.fetchTopicOffsets(SESSION_TOPIC))
            .filter((p) => BigInt(p.high) > BigInt(p.low))
            .map((p) => ({ partition: p.partition, last: BigInt(p.high) - 1n }));
        } catch (err) {
          if (attempt >= attempts) throw err;
          await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2_000)));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
