import type { EventEnvelope } from '@yinqi/contracts';
import { AppError, notFound } from '@yinqi/errors';
import { documentLockKey, withDocumentLock } from '@yinqi/events';
import type { AggregateStore } from '../data/repository';

export type Stored<R> = Omit<R, 'outbox'>;

/** What a command decided: the fields to set and the event that reports the change (built from the new state). */
export type Change<R> = { set: Partial<R>; event: (next: Stored<R>) => EventEnvelope } | null;

/**
 * Read, decide and write one aggregate under its document lock (the one the outbox relay takes
 * for its removals: FerretDB updates are not isolated, so an interleaved write could undo this
 * one). The write is conditional on the version read; across replicas it may still lose, and we
 * re-read and decide again. A refusal (AppError) writes nothing; `null` changes nothing.
 */
export function transition<R extends { _id: string; version: number; createdAt: Date; updatedAt: Date }>(
  store: AggregateStore<R>,
  collection: string,
  id: string,
  what: string,
  decide: (current: Stored<R>) => Change<R> | AppError,
  now: () => Date,
): Promise<Stored<R>> {
  return withDocumentLock(documentLockKey(collection, id), async () => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const current = await store.find(id);
      if (!current) throw notFound(what);
      const d = decide(current);
      if (d instanceof Error) throw d;
      if (d === null) return current;
      const set = { ...d.set, updatedAt: now() } as Partial<R>;
      const next = { ...current, ...set, version: current.version + 1 } as Stored<R>;
      if (await store.update(id, current.version, set, d.event(next))) return next;
    }
    throw new AppError('CONFLICT', `The ${what.toLowerCase()} changed while this request was processed; try again`, { retriable: true });
  });
}
