import type { mongo } from 'mongoose';

export interface VersionedDocument {
  _id: string;
  version: number;
}

/** Fields only a first insert sets, and counters to increment. */
export interface ApplyExtra {
  setOnInsert?: Record<string, unknown>;
  inc?: Record<string, number>;
}

/** `applyIfNewer` bound to one collection. */
export type ApplyIfNewer<T extends VersionedDocument> = (
  key: string,
  version: number,
  set: Partial<Omit<T, '_id' | 'version'>>,
  extra?: ApplyExtra,
) => Promise<boolean>;

/**
 * Applies an event's change to a read-model document only when the stored version of that
 * aggregate is lower than the event's. A re-delivered or older event therefore changes nothing.
 * Returns whether the change was applied.
 *
 * Read the version by `_id`, then write by `_id`: FerretDB 1.24 uses the `_id` index only for
 * a filter that is exactly `{_id}` — `{_id, version: {$lt}}` scans the whole collection on every
 * event. A consumer applies one aggregate's events in order (one partition per key, one
 * handler at a time), so nothing writes the same read-model document between the read and the
 * write; the first insert of an aggregate is settled by the unique `_id` (duplicate → re-read).
 */
export async function applyIfNewer<T extends VersionedDocument>(
  collection: mongo.Collection<T>,
  key: string,
  version: number,
  set: Partial<Omit<T, '_id' | 'version'>>,
  extra: ApplyExtra = {},
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await collection.findOne({ _id: key } as mongo.Filter<T>, { projection: { version: 1 } });
    if (current && (current as { version?: number }).version! >= version) return false;
    if (!current) {
      try {
        await collection.insertOne({
          ...(extra.setOnInsert ?? {}),
          ...set,
          ...(extra.inc ?? {}),
          _id: key,
          version,
        } as unknown as mongo.OptionalUnlessRequiredId<T>);
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 11000) continue; // someone inserted it first: compare again
        throw err;
      }
    }
    const update: Record<string, unknown> = { $set: { ...set, version } };
    if (extra.inc && Object.keys(extra.inc).length) update.$inc = extra.inc;
    await collection.updateOne({ _id: key } as mongo.Filter<T>, update as mongo.UpdateFilter<T>);
    return true;
  }
  return false;
}

/** What one `applyIfNewer` call asks for, waiting for its batch. */
interface PendingApply {
  key: string;
  version: number;
  set: Record<string, unknown>;
  extra: ApplyExtra;
  update: Record<string, unknown>;
  insert: Record<string, unknown>;
  resolve: (applied: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Statements per bulkWrite: under 100, because FerretDB 1.24 holds one pooled connection (of 100)
 * per statement of an update command until the command ends (see OutboxRelay's batch size).
 */
const APPLY_BATCH = 90;

/** The next batch out of `queue`: at most APPLY_BATCH calls, one per aggregate; the others wait for a later one. */
function takeBatch(queue: PendingApply[]): { batch: PendingApply[]; rest: PendingApply[] } {
  const batch: PendingApply[] = [];
  const rest: PendingApply[] = [];
  const keys = new Set<string>();
  for (const p of queue) {
    if (batch.length < APPLY_BATCH && !keys.has(p.key)) {
      keys.add(p.key);
      batch.push(p);
    } else rest.push(p);
  }
  return { batch, rest };
}

/** The inserts and updates of the calls newer than what is stored (`versions` by key); the others resolve false here. */
function planWrites<T extends VersionedDocument>(batch: PendingApply[], versions: Map<string, number>) {
  const ops: mongo.AnyBulkWriteOperation<T>[] = [];
  const written: PendingApply[] = [];
  for (const p of batch) {
    const current = versions.get(p.key);
    if (current !== undefined && current >= p.version) {
      p.resolve(false);
      continue;
    }
    written.push(p);
    ops.push(
      current === undefined
        ? ({ insertOne: { document: p.insert } } as unknown as mongo.AnyBulkWriteOperation<T>)
        : ({ updateOne: { filter: { _id: p.key }, update: p.update } } as unknown as mongo.AnyBulkWriteOperation<T>),
    );
  }
  return { ops, written };
}

/** One unordered bulk write; the statements that failed, by index. A failure of the whole command throws. */
async function bulkWriteFailures<T extends VersionedDocument>(
  collection: mongo.Collection<T>,
  ops: mongo.AnyBulkWriteOperation<T>[],
): Promise<Map<number, { code?: number }>> {
  try {
    await collection.bulkWrite(ops, { ordered: false });
    return new Map();
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (list.length === 0) throw err; // the whole command failed: every caller gets the error
    return new Map(list.map((e: { index: number; code?: number }) => [e.index, e]));
  }
}

/** Reads the stored versions of a batch, writes the newer calls in one bulk write and settles every call. */
async function writeBatch<T extends VersionedDocument>(collection: mongo.Collection<T>, batch: PendingApply[]): Promise<void> {
  const stored = await collection
    .find({ _id: { $in: batch.map((p) => p.key) } } as mongo.Filter<T>, { projection: { version: 1 } })
    .toArray();
  const versions = new Map(stored.map((d) => [String(d._id), (d as { version?: number }).version ?? 0]));
  const { ops, written } = planWrites<T>(batch, versions);
  if (ops.length === 0) return;
  const failedAt = await bulkWriteFailures(collection, ops);
  await Promise.all(
    written.map(async (p, i) => {
      const failure = failedAt.get(i);
      if (!failure) return p.resolve(true);
      // Inserted by someone else since the read: decide again, alone, as applyIfNewer does.
      if (failure.code === 11000) {
        return applyIfNewer(collection, p.key, p.version, p.set as Partial<Omit<T, '_id' | 'version'>>, p.extra).then(p.resolve, p.reject);
      }
      return p.reject(Object.assign(new Error(`applyIfNewer of ${p.key} failed`), { cause: failure }));
    }),
  );
}

/**
 * `applyIfNewer` for one collection with the same signature and the same result, but calls made
 * while a batch is being written (by a consumer handling several aggregates at once, see
 * EventConsumer's keyConcurrency) share its round trips: one `find({_id: {$in}})` for the stored
 * versions and one unordered `bulkWrite` of the inserts and updates, instead of two round trips per
 * event. Callers must not apply two events of one aggregate at once (a consumer never does: one key
 * is handled one event at a time); if they do, the second waits for the next batch.
 */
export function batchedApplyIfNewer<T extends VersionedDocument>(collection: mongo.Collection<T>): ApplyIfNewer<T> {
  let queue: PendingApply[] = [];
  let flushing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const { batch, rest } = takeBatch(queue);
      queue = rest;
      await writeBatch(collection, batch).catch((err: unknown) => batch.forEach((p) => p.reject(err)));
    }
  };

  // Calls made in the same turn, or while a batch is in flight, go out together next.
  const schedule = () => {
    flushing ??= new Promise<void>((r) => setImmediate(r)).then(flush).finally(() => {
      flushing = undefined;
      if (queue.length > 0) schedule();
    });
  };

  return (key, version, set, extra = {}) =>
    new Promise<boolean>((resolve, reject) => {
      const update: Record<string, unknown> = { $set: { ...set, version } };
      if (extra.inc && Object.keys(extra.inc).length) update.$inc = extra.inc;
      const insert = { ...(extra.setOnInsert ?? {}), ...set, ...(extra.inc ?? {}), _id: key, version };
      queue.push({ key, version, set: set as Record<string, unknown>, extra, update, insert, resolve, reject });
      schedule();
    });
}
