import type { Admin, Kafka } from 'kafkajs';
import { consumerLag, type EventConsumer, type OutboxRelay } from '@yinqi/events';
import type { Metrics, Sample } from '@yinqi/http';

/** How long one lag reading serves scrapes: Prometheus scrapes every 15–60 s, a dashboard may poll faster. */
const LAG_CACHE_MS = 2_000;
/** A broker that does not answer leaves the lag gauge empty for that scrape rather than holding it. */
const LAG_TIMEOUT_MS = 3_000;

export interface OperationalSources {
  kafka: Kafka;
  relay: OutboxRelay;
  consumers: EventConsumer[];
}

/**
 * The series an operator watches on every service besides HTTP and database latency: the outbox
 * relay's backlog (how many written documents wait, and for how long — a stuck relay shows as a
 * growing age), consumer throughput and dead letters, and each consumer group's lag per partition
 * (read from the broker when scraped, through one admin client opened on first use).
 */
export function operationalMetrics(metrics: Metrics, src: OperationalSources): { close: () => Promise<void> } {
  relayAndConsumerGauges(metrics, src);
  return consumerLagGauge(metrics, src);
}

/** The relay's backlog and the consumers' throughput, read from their stats at each scrape. */
function relayAndConsumerGauges(metrics: Metrics, { relay, consumers }: OperationalSources): void {
  metrics.gauge('outbox_events_published_total', 'Events published by the outbox relay', () => relay.stats.published);
  metrics.gauge(
    'outbox_pending_documents',
    'Documents written whose events the relay has not published yet',
    () => relay.stats.pendingDocuments,
  );
  metrics.gauge(
    'outbox_oldest_pending_seconds',
    'Age of the oldest write whose events wait for the relay (0 when none)',
    () => relay.stats.oldestPendingSeconds,
  );
  metrics.gauge(
    'outbox_awaiting_removal_documents',
    'Documents whose published events wait to be removed',
    () => relay.stats.awaitingRemoval,
  );
  metrics.gauge('outbox_relay_consecutive_failures', 'Relay passes failed in a row', () => relay.stats.consecutiveFailures);
  metrics.gauge('events_applied_total', 'Events applied by consumers', () => consumers.reduce((n, c) => n + c.stats.applied, 0));
  metrics.gauge('events_dead_lettered_total', 'Events sent to a DLQ', () => consumers.reduce((n, c) => n + c.stats.deadLettered, 0));
  metrics.gauge('kafka_consumers_running', 'Consumers in their group and consuming', () => consumers.filter((c) => c.running).length);
}

/** Each consumer group's lag per partition, read from the broker when scraped; `close` ends the admin client. */
function consumerLagGauge(metrics: Metrics, src: OperationalSources): { close: () => Promise<void> } {
  const { consumers } = src;
  let admin: Promise<Admin> | undefined;
  let cached: { at: number; samples: Promise<Sample[]> } | undefined;
  const connectAdmin = () =>
    (admin ??= (async () => {
      const a = src.kafka.admin();
      await a.connect();
      return a;
    })().catch((err: unknown) => {
      admin = undefined;
      throw err;
    }));
  const readLag = async (): Promise<Sample[]> => {
    const a = await connectAdmin();
    const samples: Sample[] = [];
    for (const c of consumers) {
      for (const l of await consumerLag(a, c.groupId, c.topics))
        samples.push({ labels: { group: c.groupId, topic: l.topic, partition: l.partition }, value: l.lag });
    }
    return samples;
  };
  if (consumers.length > 0) {
    metrics.sampledGauge(
      'kafka_consumer_lag',
      'Messages on a partition not yet committed by the consumer group',
      ['group', 'topic', 'partition'],
      () => {
        if (!cached || Date.now() - cached.at > LAG_CACHE_MS) {
          const timeout = new Promise<Sample[]>((_, reject) =>
            setTimeout(() => reject(new Error('lag read timed out')), LAG_TIMEOUT_MS).unref(),
          );
          cached = { at: Date.now(), samples: Promise.race([readLag(), timeout]) };
          cached.samples.catch(() => {
            cached = undefined;
          });
        }
        return cached.samples;
      },
    );
  }
  return {
    close: async () => {
      const a = await admin?.catch(() => undefined);
      await a?.disconnect().catch(() => undefined);
    },
  };
}
