import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import type { Logger } from '@yinqi/logger';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

/** A kafkajs client whose logs go to our structured logger. */
export function createKafka(opts: { brokers: string[]; clientId: string; logger: Logger }): Kafka {
  const log = opts.logger.child({ component: 'kafkajs' });
  const config: KafkaConfig = {
    clientId: opts.clientId,
    brokers: opts.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log: entry }) => {
      const { message, ...rest } = entry;
      if (level <= logLevel.ERROR) log.error(rest, message);
      else if (level === logLevel.WARN) log.warn(rest, message);
      else log.debug(rest, message);
    },
  };
  return new Kafka(config);
}

/**
 * Creates the topics that do not exist yet and waits until the broker serves all of them.
 * Idempotent and safe when several services race to create the same topics at start-up: a topic
 * another service created between our list and our create, or one whose partitions have no leader
 * yet ("This server does not host this topic-partition"), is retried, not fatal.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, attempts = 10): Promise<void> {
  if (topics.length === 0) return;
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
          });
        }
        await admin.fetchTopicMetadata({ topics });
        return;
      } catch (err) {
        if (attempt >= attempts) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2000)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
