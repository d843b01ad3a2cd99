import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@yinqi/contracts';
import { currentCorrelationId } from '@yinqi/logger';

/**
 * Builds the envelope of an event about one aggregate. `version` is the aggregate's version
 * after the change; the correlation id comes from the current request or event.
 */
export function newEvent<S extends z.ZodTypeAny>(
  def: EventDefinition<S>,
  args: { key: string; version: number; data: z.input<S>; source: string; occurredAt?: Date },
): EventEnvelope<z.input<S>> {
  return {
    id: randomUUID(),
    type: def.type,
    version: args.version,
    occurredAt: (args.occurredAt ?? new Date()).toISOString(),
    source: args.source,
    key: args.key,
    correlationId: currentCorrelationId() ?? randomUUID(),
    data: args.data,
  };
}
