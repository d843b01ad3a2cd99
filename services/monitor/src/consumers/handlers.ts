import type { Admin, Kafka } from 'kafkajs';
import { CAPITAL_TOPICS, CREDIT_TOPICS, MATCHMAKING_TOPICS, TOPICS, type EventEnvelope } from '@yinqi/contracts';
import { EventConsumer, type EventHandler, type EventPublisher } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import { FACT_DECIDERS } from '../domain/projection';
import type { OffsetsPort, StartConsumer } from '../domain/read-model-ports';

/** Every topic the monitor reads: each event family that moves a dashboard number or fills an export. */
export const MONITOR_TOPICS = [
  TOPICS.institution,
  TOPICS.enterprise,
  MATCHMAKING_TOPICS.demand,
  MATCHMAKING_TOPICS.product,
  MATCHMAKING_TOPICS.match,
  CREDIT_TOPICS.guarantee,
  CREDIT_TOPICS.loan,
  CREDIT_TOPICS.policy,
  CAPITAL_TOPICS.listing,
  CAPITAL_TOPICS.bond,
  CAPITAL_TOPICS.equity,
  CAPITAL_TOPICS.roadshow,
];

/** The event types of those topics the projection reads (the others are skipped by the consumer). */
export const MONITOR_EVENT_TYPES = [...FACT_DECIDERS.keys()];

export const groupId = (dbPrefix: string, generation: number) => `${dbPrefix}-monitor-g${generation}`;

/** Starts the chassis consumer (bounded retries, DLQ) of one generation's group. */
export function consumerStarter(deps: {
  kafka: Kafka;
  publisher: EventPublisher;
  logger: Logger;
  dbPrefix: string;
  topics?: string[];
}): StartConsumer {
  return async (generation, handle) => {
    const handler: EventHandler = (e: EventEnvelope) => handle(e);
    const consumer = new EventConsumer({
      kafka: deps.kafka,
      groupId: groupId(deps.dbPrefix, generation),
      topics: deps.topics ?? MONITOR_TOPICS,
      handlers: Object.fromEntries(MONITOR_EVENT_TYPES.map((t) => [t, handler])),
      publisher: deps.publisher,
      logger: deps.logger,
      fromBeginning: true,
    });
    await consumer.start();
    return consumer;
  };
}

/** End and committed offsets through one admin client (connected lazily, closed with the service). */
export function kafkaOffsets(
  kafka: Kafka,
  dbPrefix: string,
  topics: string[] = MONITOR_TOPICS,
): OffsetsPort & { close: () => Promise<void> } {
  let admin: Promise<Admin> | undefined;
  const get = () =>
    (admin ??= (async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    })());
  return {
    async ends() {
      const a = await get();
      const out: { topic: string; partition: number; low: number; high: number }[] = [];
      for (const topic of topics) {
        for (const p of await a.fetchTopicOffsets(topic))
          out.push({ topic, partition: p.partition, low: Number(p.low), high: Number(p.high) });
      }
      return out;
    },
    async committed(generation) {
      const a = await get();
      const res = await a.fetchOffsets({ groupId: groupId(dbPrefix, generation), topics });
      const out = new Map<string, number>();
      for (const t of res) for (const p of t.partitions) out.set(`${t.topic}:${p.partition}`, Number(p.offset));
      return out;
    },
    async close() {
      if (admin) await (await admin).disconnect();
    },
  };
}
