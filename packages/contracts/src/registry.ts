import { z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope';

/** Topic prefix: one topic per aggregate family, e.g. `yinqi.demand`; the test stack uses its own prefix. */
export const TOPIC_PREFIX = process.env.YINQI_TOPIC_PREFIX || 'yinqi';

export interface EventDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  type: string;
  topic: string;
  schema: S;
}

/** The type of `data` that an event definition's schema describes. */
export type EventDataOf<D extends EventDefinition> = z.infer<D['schema']>;

const definitions = new Map<string, EventDefinition>();

/** Declares an event type, the topic it travels on and the schema of its `data`. */
export function defineEvent<S extends z.ZodTypeAny>(type: string, topic: string, schema: S): EventDefinition<S> {
  const existing = definitions.get(type);
  if (existing && existing.topic !== topic) throw new Error(`event ${type} already defined on ${existing.topic}`);
  const def = { type, topic, schema };
  definitions.set(type, def);
  return def;
}

export function eventDefinition(type: string): EventDefinition | undefined {
  return definitions.get(type);
}

/** Every topic that has at least one event type, with its dead-letter topic. */
export function knownTopics(): string[] {
  const topics = new Set<string>();
  for (const d of definitions.values()) {
    topics.add(d.topic);
    topics.add(dlqTopic(d.topic));
  }
  return [...topics].sort();
}

export const dlqTopic = (topic: string) => `${topic}.dlq`;

export class EventValidationError extends Error {
  override name = 'EventValidationError';
}

/**
 * Validates an envelope and its data against the schema of its type. Producers call it before
 * sending, consumers after receiving; an unknown type is an error on both sides.
 */
export function validateEvent(raw: unknown): EventEnvelope {
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) throw new EventValidationError(`bad envelope: ${formatIssues(env.error)}`);
  const def = definitions.get(env.data.type);
  if (!def) throw new EventValidationError(`unknown event type ${env.data.type}`);
  const data = def.schema.safeParse(env.data.data);
  if (!data.success) throw new EventValidationError(`bad ${env.data.type} data: ${formatIssues(data.error)}`);
  return { ...env.data, data: data.data as Record<string, unknown> };
}

function formatIssues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ');
}
