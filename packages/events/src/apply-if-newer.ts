import type { mongo } from 'mongoose';

export interface VersionedDocument {
  _id: string;
  version: number;
}

/**
 * Applies an event's change to a read-model document with one conditional write that succeeds
 * only when the stored version of that aggregate is lower than the event's. A re-delivered or
 * older event therefore changes nothing. Returns whether the change was applied.
 *
 * The filter `{_id, version < v}` with upsert: when the document exists with a newer or equal
 * version the filter misses, the upsert tries to insert the same _id and the unique _id index
 * refuses it: that duplicate-key error means "already applied".
 */
export async function applyIfNewer<T extends VersionedDocument>(
  collection: mongo.Collection<T>,
  key: string,
  version: number,
  set: Partial<Omit<T, '_id' | 'version'>>,
  extra: { setOnInsert?: Record<string, unknown>; inc?: Record<string, number> } = {},
): Promise<boolean> {
  const update: Record<string, unknown> = { $set: { ...set, version } };
  if (extra.setOnInsert && Object.keys(extra.setOnInsert).length) update.$setOnInsert = extra.setOnInsert;
  if (extra.inc && Object.keys(extra.inc).length) update.$inc = extra.inc;
  try {
    const res = await collection.updateOne(
      { _id: key, version: { $lt: version } } as mongo.Filter<T>,
      update as mongo.UpdateFilter<T>,
      { upsert: true },
    );
    return res.modifiedCount + res.upsertedCount > 0;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}
