import type { Connection, mongoose } from '@yinqi/db';
import type { AuditEntry } from '../domain/entry';
import { GENESIS_HASH } from '../domain/chain';
import type { TrailFilter } from '../domain/read-trail';

/** How an entry is stored: the entry's id is the document's `_id`, every other field as it is. */
type EntryDoc = Omit<AuditEntry, 'id'> & { _id: string };

/** The appenders' record of the last seq they wrote (see ChainVerifier). One document, `_id: 'head'`. */
interface HeadDoc {
  _id: string;
  seq: number;
  hash: string;
}

export const toEntry = (d: EntryDoc): AuditEntry => ({
  id: d._id,
  seq: d.seq,
  at: d.at,
  actorId: d.actorId ?? null,
  actorRole: d.actorRole ?? null,
  actorOrgId: d.actorOrgId ?? null,
  action: d.action,
  targetType: d.targetType,
  targetId: d.targetId ?? null,
  correlationId: d.correlationId ?? null,
  detail: d.detail ?? null,
  prevHash: d.prevHash,
  hash: d.hash,
});

const isDuplicateKey = (err: unknown) =>
  (err as { code?: number }).code === 11000 || /E11000|duplicate key/i.test((err as Error).message ?? '');

/** The finance centre's filter as a query on entries. */
const query = (f: TrailFilter) => {
  const q: Record<string, unknown> = {};
  if (f.actorId !== undefined) q.actorId = f.actorId;
  if (f.action !== undefined) q.action = f.action;
  if (f.targetType !== undefined) q.targetType = f.targetType;
  if (f.targetId !== undefined) q.targetId = f.targetId;
  if (f.from !== undefined || f.to !== undefined) q.at = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) };
  return q;
};

/**
 * The audit database: one collection of entries with a unique index on `seq` (what makes the
 * sequence gapless and unforked across processes: an insert of seq n+1 succeeds once) and one
 * head document. The driver is used directly (not a mongoose model) so an ordered insertMany stops
 * at the first duplicate, exactly as the chaining relies on.
 */
export function entryStore(conn: Connection) {
  const entries = conn.db!.collection<EntryDoc>('audit_entries');
  const head = conn.db!.collection<HeadDoc>('audit_head');
  return { init: () => createCollections(entries, head), ...chainStore(entries, head), ...trailReads(entries) };
}
export type EntryStore = ReturnType<typeof entryStore>;

/** The appenders' side: the chain's tip, ordered inserts that stop at the first refusal, the head. */
function chainStore(entries: mongoose.mongo.Collection<EntryDoc>, head: mongoose.mongo.Collection<HeadDoc>) {
  return {
    /** The entry with the highest seq (the chain's tip), or null for an empty trail. */
    async tip(): Promise<{ seq: number; hash: string } | null> {
      const d = await entries
        .find({}, { projection: { seq: 1, hash: 1 } })
        .sort({ seq: -1 })
        .limit(1)
        .next();
      return d ? { seq: d.seq, hash: d.hash } : null;
    },

    /**
     * Inserts the linked entries in order, stopping at the first one refused (a duplicate seq:
     * another appender got there first; or a duplicate id: this entry is already stored).
     * Returns whether all went in; the caller re-reads what did.
     */
    async insertChain(docs: AuditEntry[]): Promise<{ complete: boolean }> {
      try {
        await entries.insertMany(
          docs.map(({ id, ...rest }) => ({ _id: id, ...rest })),
          { ordered: true },
        );
        return { complete: true };
      } catch (err) {
        if (isDuplicateKey(err)) return { complete: false };
        throw err;
      }
    },

    async byIds(ids: string[]): Promise<AuditEntry[]> {
      const docs = await entries.find({ _id: { $in: ids } }).toArray();
      return docs.map(toEntry);
    },

    /** Moves the head forward to `seq` (never back): several appenders race, the highest wins. */
    async advanceHead(seq: number, hash: string): Promise<void> {
      await head.updateOne({ _id: 'head', seq: { $lt: seq } }, { $set: { seq, hash } });
    },

    async head(): Promise<{ seq: number; hash: string } | null> {
      const d = await head.findOne({ _id: 'head' });
      return d ? { seq: d.seq, hash: d.hash } : null;
    },
  };
}

/** The finance centre's side: pages, the export stream and the raw documents for verification. */
function trailReads(entries: mongoose.mongo.Collection<EntryDoc>) {
  return {
    /** One page newest first (seq descending), after the entry with seq `beforeSeq`. */
    async page(f: TrailFilter, size: number, beforeSeq: number | undefined): Promise<{ entries: AuditEntry[]; totalCount: number }> {
      const base = query(f);
      const pageQuery = beforeSeq === undefined ? base : { ...base, seq: { $lt: beforeSeq } };
      const [docs, totalCount] = await Promise.all([
        entries.find(pageQuery).sort({ seq: -1 }).limit(size).toArray(),
        entries.countDocuments(base),
      ]);
      return { entries: docs.map(toEntry), totalCount };
    },

    /** Every matching entry, newest first, read in batches (for the CSV export). */
    stream(f: TrailFilter): AsyncIterable<AuditEntry> {
      const cursor = entries.find(query(f)).sort({ seq: -1 }).batchSize(500);
      return (async function* () {
        for await (const d of cursor) yield toEntry(d);
      })();
    },

    /** Every stored document as it is, in seq order (for verification: nothing interpreted). */
    raw(): AsyncIterable<Record<string, unknown>> {
      return entries.find({}).sort({ seq: 1 }).batchSize(500) as unknown as AsyncIterable<Record<string, unknown>>;
    },
  };
}

/** The unique `seq` index, the filters' indexes, and the head document (once). */
async function createCollections(entries: mongoose.mongo.Collection<EntryDoc>, head: mongoose.mongo.Collection<HeadDoc>): Promise<void> {
  await entries.createIndex({ seq: 1 }, { unique: true, name: 'seq_1' });
  // The filters the finance centre uses, each with seq for the newest-first order.
  await entries.createIndex({ at: 1 }, { name: 'at_1' });
  await entries.createIndex({ actorId: 1, seq: 1 }, { name: 'actorId_1_seq_1' });
  await entries.createIndex({ action: 1, seq: 1 }, { name: 'action_1_seq_1' });
  await entries.createIndex({ targetId: 1, seq: 1 }, { name: 'targetId_1_seq_1' });
  try {
    await head.insertOne({ _id: 'head', seq: 0, hash: GENESIS_HASH });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}
