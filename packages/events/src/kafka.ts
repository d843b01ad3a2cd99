import { ConfigResourceTypes, ConfigSource, Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
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
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        if (level <= logLevel.ERROR) log.error(rest, message);
        else if (level === logLevel.WARN) log.warn(rest, message);
        else log.debug(rest, message);
      },
  };
  return new Kafka(config);
}

/**
 * What every topic is created with, and brought back to when it differs: Kafka never deletes an
 * event for its age or size. A consumer group that is new reads from the beginning (a service
 * deployed for the first time, a replaced database, matching's copies of products and profiles),
 * and the monitor's rebuild replays every topic from offset 0; with the broker's 7-day default,
 * those read models would silently miss every event older than a week. The cost is disk, growing
 * with the number of events (docs/DEPLOYMENT.md "Retention").
 */
export const RETAINED_TOPIC_CONFIG: Readonly<Record<string, string>> = { 'retention.ms': '-1', 'retention.bytes': '-1' };

export interface EnsureTopicsOptions {
  numPartitions?: number;
  attempts?: number;
  /** Topic-level configs every topic must have; RETAINED_TOPIC_CONFIG unless told otherwise. */
  config?: Readonly<Record<string, string>>;
}

/**
 * Creates the topics that do not exist yet, with `config`, brings existing topics whose config
 * differs back to it (a topic created by an older version or auto-created by a producer), and
 * waits until the broker serves all of them. Idempotent and safe when several services race to
 * create the same topics at start-up: a topic another service created between our list and our
 * create, or one whose partitions have no leader yet ("This server does not host this
 * topic-partition"), is retried, not fatal.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], opts: EnsureTopicsOptions = {}): Promise<void> {
  const { numPartitions = 3, attempts = 10, config = RETAINED_TOPIC_CONFIG } = opts;
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
            topics: missing.map((topic) => ({
              topic,
              numPartitions,
              replicationFactor: 1,
              configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
            })),
          });
        }
        await admin.fetchTopicMetadata({ topics });
        await alignTopicConfigs(admin, topics, config);
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

/**
 * Sets `config` on the topics whose effective values differ. Kafka's AlterConfigs (what kafkajs
 * sends) replaces a topic's whole set of topic-level overrides, so the overrides a topic already
 * has (an operator's `max.message.bytes`, say) are sent along and kept.
 */
async function alignTopicConfigs(admin: Admin, topics: string[], config: Readonly<Record<string, string>>): Promise<void> {
  if (Object.keys(config).length === 0) return;
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  const resources = described.resources
    .filter((r) =>
      Object.entries(config).some(([name, value]) => r.configEntries.find((e) => e.configName === name)?.configValue !== value),
    )
    .map((r) => {
      const overrides = Object.fromEntries(
        r.configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue]),
      );
      const wanted = { ...overrides, ...config };
      return {
        type: ConfigResourceTypes.TOPIC,
        name: r.resourceName,
        configEntries: Object.entries(wanted).map(([name, value]) => ({ name, value })),
      };
    });
  if (resources.length > 0) await admin.alterConfigs({ validateOnly: false, resources });
}

/** How far one consumer group is behind on one partition. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * The lag of a consumer group on every partition of its topics: the partition's end offset minus the
 * group's committed offset (everything from the earliest retained offset when the group has committed
 * nothing yet). Two admin round trips per topic; meant for /metrics, not for every event.
 */
export async function consumerLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const lags: PartitionLag[] = [];
  for (const t of committed) {
    const ends = new Map((await admin.fetchTopicOffsets(t.topic)).map((o) => [o.partition, o]));
    for (const p of t.partitions) {
      const end = ends.get(p.partition);
      if (!end) continue;
      const high = Number(end.high);
      const from = Number(p.offset) >= 0 ? Number(p.offset) : Number(end.low);
      lags.push({ topic: t.topic, partition: p.partition, lag: Math.max(0, high - from) });
    }
  }
  return lags;
}
