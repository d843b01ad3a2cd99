import { z } from 'zod';

/** Every event on every topic travels in this envelope (DESIGN.md "Events"). */
export const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/),
  /** The aggregate's version after the change this event reports; consumers apply only newer ones. */
  version: z.number().int().positive(),
  occurredAt: z.string().datetime(),
  source: z.string().min(1),
  /** The aggregate id; also the Kafka message key, so one aggregate's events stay ordered. */
  key: z.string().min(1),
  correlationId: z.string().min(1),
  data: z.record(z.unknown()),
});

export type EventEnvelope<D = Record<string, unknown>> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: D };
