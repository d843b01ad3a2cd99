import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import { eventDefinition, validateEvent, type EventEnvelope } from '@yinqi/contracts';

/**
 * Errors after which an idempotent producer never succeeds again (its producer id and sequence
 * numbers no longer match the broker's, e.g. after the broker was killed mid-batch): found by the
 * chaos run, where identity's relay then failed every pass for minutes. The only way out is a new
 * producer (a new producer id).
 */
const FATAL_PRODUCER_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

export function isFatalProducerError(err: unknown): boolean {
  for (let e = err as { type?: string; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth += 1) {
    if (e.type && FATAL_PRODUCER_ERRORS.has(e.type)) return true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}

/** Sends validated events, keyed by aggregate id so each aggregate's events stay in order. */
export class EventPublisher {
  private producer: Producer;
  private connected = false;
  /** How many times the producer was replaced after a fatal error. */
  replacedProducers = 0;

  constructor(private readonly kafka: Kafka) {
    this.producer = this.newProducer();
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Sends with the current producer; after a fatal error, replaces it (the caller retries, as with any failure). */
  private async guarded<T>(send: (p: Producer) => Promise<T>): Promise<T> {
    const producer = this.producer;
    try {
      return await send(producer);
    } catch (err) {
      if (isFatalProducerError(err) && this.producer === producer && this.connected) {
        this.producer = this.newProducer();
        this.replacedProducers += 1;
        await producer.disconnect().catch(() => undefined);
        await this.producer.connect();
      }
      throw err;
    }
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  /** Publishes in the given order; throws when the broker did not acknowledge (nothing is lost: the caller retries). */
  async publish(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const raw of events) {
      const event = validateEvent(raw);
      const topic = eventDefinition(event.type)!.topic;
      const list = byTopic.get(topic) ?? [];
      list.push(event);
      byTopic.set(topic, list);
    }
    await this.guarded((producer) =>
      producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((e) => ({
            key: e.key,
            value: JSON.stringify(e),
            headers: { 'event-type': e.type, 'event-id': e.id, 'correlation-id': e.correlationId },
          })),
        })),
      }),
    );
  }

  /** Sends a raw message (dead letters keep the original bytes). */
  async sendRaw(topic: string, message: { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, string> }) {
    await this.guarded((producer) => producer.send({ topic, acks: -1, messages: [message] }));
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
