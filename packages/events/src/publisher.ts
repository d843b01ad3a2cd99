import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import { eventDefinition, validateEvent, type EventEnvelope } from '@yinqi/contracts';

/** Sends validated events, keyed by aggregate id so each aggregate's events stay in order. */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
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
    await this.producer.sendBatch({
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
    });
  }

  /** Sends a raw message (dead letters keep the original bytes). */
  async sendRaw(topic: string, message: { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, string> }) {
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
