import type { EventDefinition, EventEnvelope } from '@yinqi/contracts';
import type { AppError } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { z } from 'zod';
import type { AggregateStore } from './capital-repository';
import { SOURCE, type AggregateRecord, type Stored } from './records';

/** What a command decided: the fields to set and the event that reports the change (built from the new state). */
export type Change<R> = { set: Partial<R>; event: (next: Stored<R>) => EventEnvelope } | null;

/** A command's decision on the current state: a change, nothing (null), or a refusal. */
export type Decide<R> = (current: Stored<R>) => Change<R> | AppError;

/**
 * One capital-markets aggregate command: the shared read → decide → version-conditional write
 * (updateAggregate). A refusal (AppError) writes nothing; `null` changes nothing. The document lock
 * only keeps this process's own writers of one aggregate from racing each other (fewer retries);
 * correctness comes from the conditional write.
 */
export function transition<R extends AggregateRecord>(
  store: AggregateStore<R>,
  collection: string,
  id: string,
  what: string,
  decide: Decide<R>,
  now: () => Date,
): Promise<Stored<R>> {
  return withDocumentLock(documentLockKey(collection, id), () =>
    updateAggregate<Stored<R>, { set: Partial<R>; event: EventEnvelope }>(
      { load: (key) => store.find(key), write: (key, version, change) => store.update(key, version, change.set, change.event) },
      id,
      (current) => {
        const d = decide(current);
        if (d === null || d instanceof Error) return d;
        const set = { ...d.set, updatedAt: now() } as Partial<R>;
        const next = { ...current, ...set, version: current.version + 1 } as Stored<R>;
        return { next, change: { set, event: d.event(next) } };
      },
      { what },
    ),
  );
}

/**
 * A new capital-markets aggregate at version 1, created at `at`, with the event that announces it in
 * its outbox (so the insert that stores it also publishes it). `data` builds the event from the record.
 */
export function created<R extends AggregateRecord, S extends z.ZodTypeAny>(
  fields: Omit<R, 'createdAt' | 'updatedAt' | 'version' | 'outbox'>,
  at: Date,
  def: EventDefinition<S>,
  data: (record: R) => z.input<S>,
): R {
  const record = { ...fields, createdAt: at, updatedAt: at, version: 1, outbox: [] } as unknown as R;
  record.outbox = [newEvent(def, { key: record._id, version: 1, source: SOURCE, occurredAt: at, data: data(record) })];
  return record;
}
