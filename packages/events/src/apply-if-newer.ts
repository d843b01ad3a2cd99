import type { mongo } from 'mongoose';

export interface VersionedDocument {
  _id: string;
  version: number;
}

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
  extra: { setOnInsert?: Record<string, unknown>; inc?: Record<string, number> } = {},
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await collection.findOne({ _id: key } as mongo.Filter<T>, { projection: { version: 1 } });
    if (current && (current as { version?: number }).version! >= version) return false;
    if (!current) {
      try {
        await collection.insertOne({ ...(extra.setOnInsert ?? {}), ...set, ...(extra.inc ?? {}), _id: key, version } as unknown as mongo.OptionalUnlessRequiredId<T>);
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
