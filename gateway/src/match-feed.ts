import { randomUUID } from 'node:crypto';
import { Repeater } from 'graphql-yoga';
import { MATCH_EVENTS, MATCHMAKING_TOPICS, type MatchSnapshot } from '@yinqi/contracts';
import { createKafka, EventConsumer, EventPublisher, onEvent } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';

export interface MatchFeedItem {
  type: string;
  at: string;
  match: MatchSnapshot;
}

/**
 * Match events from Kafka, fanned out to subscribers over SSE. Each gateway process reads the
 * match topic in its own consumer group from the latest offset (a subscription shows what
 * happens from now on) and filters per subscriber; a slow subscriber's queue is bounded.
 */
export class MatchFeed {
  private readonly listeners = new Set<(item: MatchFeedItem) => void>();
  private consumer: EventConsumer | undefined;
  private publisher: EventPublisher | undefined;

  constructor(private readonly opts: { brokers: string[]; logger: Logger }) {}

  async start(): Promise<void> {
    const kafka = createKafka({ brokers: this.opts.brokers, clientId: 'yinqi-gateway', logger: this.opts.logger });
    this.publisher = new EventPublisher(kafka);
    await this.publisher.connect();
    this.consumer = new EventConsumer({
      kafka,
      groupId: `gateway-feed-${randomUUID()}`,
      topics: [MATCHMAKING_TOPICS.match],
      handlers: onEvent(MATCH_EVENTS, async ({ match }, e) => {
        const item: MatchFeedItem = { type: e.type, at: e.occurredAt, match };
        for (const l of this.listeners) l(item);
      }),
      publisher: this.publisher,
      logger: this.opts.logger,
      fromBeginning: false,
    });
    await this.consumer.start();
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /**
   * `watchSession` is told how to close the stream when the subscriber's session ends (logout,
   * a disabled account) and returns how to stop watching: the stream then completes, which ends
   * the SSE response.
   */
  subscribe(
    accept: (item: MatchFeedItem) => boolean,
    maxQueued = 500,
    watchSession?: (close: () => void) => () => void,
  ): AsyncIterableIterator<MatchFeedItem> {
    const listeners = this.listeners;
    return new Repeater<MatchFeedItem>(async (push, stop) => {
      const unwatch = watchSession?.(() => stop());
      let queued = 0;
      const listener = (item: MatchFeedItem) => {
        if (!accept(item)) return;
        if (queued >= maxQueued) return; // drop for a subscriber that does not keep up, rather than grow without bound
        queued += 1;
        void push(item).then(() => (queued -= 1));
      };
      listeners.add(listener);
      await stop;
      listeners.delete(listener);
      unwatch?.();
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.publisher?.disconnect();
  }
}
