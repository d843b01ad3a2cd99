import type mongoose from 'mongoose';

/**
 * Text search served by the store's indexes (issue 19). The local store (FerretDB on SQLite, see
 * tests/store/search-keys.store.test.ts) reads the whole table for a $regex and for any query on an
 * array field, but answers equality on a scalar field from an index. So a record's searchable text
 * is cut into keys — every character and every two neighbouring characters of its normalised text,
 * which makes any substring findable ("锐锋" in 重庆锐锋五金工具有限公司) — and each (key, record)
 * pair is one small document of a collection of its own, indexed on `k`.
 */

/** One (key, record) pair; `_id` makes rewriting the same pair idempotent. */
export interface SearchKeyDoc {
  _id: string;
  /** The key: one or two characters of the normalised text. */
  k: string;
  /** The record's id. */
  r: string;
}

/** What the keys of one record were computed from, so a start can tell which records need (re)indexing. */
export interface SearchSourceDoc {
  _id: string;
  text: string;
}

/** Full-width letters and digits to half-width (NFKC), lower case, no white space: what a user means as equal. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** A record's keys: its distinct characters and pairs of neighbouring characters (not UTF-16 units). */
export function textSearchKeys(text: string): string[] {
  const chars = Array.from(normalizeSearchText(text));
  const keys = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i += 1) keys.add(chars[i]! + chars[i + 1]!);
  return [...keys];
}

/** The keys a query looks up: its pairs, or the one character of a one-character query. */
export function querySearchKeys(query: string): string[] {
  const chars = Array.from(normalizeSearchText(query));
  if (chars.length <= 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}

/** Whether a record's text holds the query, as the keys compare them. */
export const textHolds = (text: string, query: string): boolean => normalizeSearchText(text).includes(normalizeSearchText(query));

/** A query as a case-insensitive literal pattern, for a search no key narrows. */
export function literalPattern(query: string): RegExp {
  return new RegExp(query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

/**
 * The search keys of one kind of record, kept in `<name>` (keys) and `<name>_sources`. Writes are
 * idempotent and may be repeated: a record is indexed after its own write, and `backfill` on start
 * repairs any record whose keys were not (fully) written, because the source is written last.
 */
export class SearchIndex {
  private readonly keys: mongoose.mongo.Collection<SearchKeyDoc>;
  private readonly sources: mongoose.mongo.Collection<SearchSourceDoc>;

  constructor(db: mongoose.mongo.Db, name: string) {
    this.keys = db.collection<SearchKeyDoc>(name);
    this.sources = db.collection<SearchSourceDoc>(`${name}_sources`);
  }

  async ensureIndexes(): Promise<void> {
    await this.keys.createIndex({ k: 1, r: 1 });
    await this.keys.createIndex({ r: 1 });
  }

  /** Makes the record's keys those of `text`; a record already indexed from this text costs one read. */
  async index(recordId: string, text: string): Promise<void> {
    if ((await this.sources.findOne({ _id: recordId }))?.text === text) return;
    const keys = textSearchKeys(text);
    const docs = keys.map((k) => ({ _id: `${k}\u0000${recordId}`, k, r: recordId }));
    // At most 50 statements a write: the local store wedges on an update of 100 or more (README "Known limits").
    for (let i = 0; i < docs.length; i += 50) {
      await this.keys.bulkWrite(
        docs.slice(i, i + 50).map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
        { ordered: false },
      );
    }
    await this.keys.deleteMany({ r: recordId, k: { $nin: keys } });
    await this.sources.replaceOne({ _id: recordId }, { text }, { upsert: true });
  }

  /**
   * Indexes records never indexed before in bulk (a start after a restore, a benchmark's seed):
   * keys and sources are inserted in batches, pairs already there are skipped.
   */
  async indexNew(records: readonly { _id: string; text: string }[]): Promise<void> {
    const ignoreDuplicates = (err: unknown) => {
      if ((err as { code?: unknown }).code !== 11000 && !/duplicate key/i.test(String((err as Error).message))) throw err;
    };
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500);
      const keys = batch.flatMap((r) => textSearchKeys(r.text).map((k) => ({ _id: `${k}\u0000${r._id}`, k, r: r._id })));
      if (keys.length > 0) await this.keys.insertMany(keys, { ordered: false }).catch(ignoreDuplicates);
      await this.sources
        .insertMany(
          batch.map((r) => ({ _id: r._id, text: r.text })),
          { ordered: false },
        )
        .catch(ignoreDuplicates);
    }
  }

  /** Indexes every record whose keys are missing or were computed from another text; returns how many. */
  async backfill(records: AsyncIterable<{ _id: string; text: string }>): Promise<number> {
    const known = new Map<string, string>();
    for await (const s of this.sources.find({})) known.set(s._id, s.text);
    const fresh: { _id: string; text: string }[] = [];
    let n = 0;
    for await (const r of records) {
      const had = known.get(r._id);
      if (had === r.text) continue;
      n += 1;
      if (had === undefined) fresh.push({ _id: r._id, text: r.text });
      else await this.index(r._id, r.text);
    }
    await this.indexNew(fresh);
    return n;
  }

  /**
   * The ids of the records whose text holds `query` (normalised as `textHolds`), or undefined
   * when no key narrows: an empty query, or one whose rarest key more than `max` records hold (the
   * caller then matches `literalPattern` alone, reading every record). Starts from the rarest key
   * (counts are answered from the index), narrows with the others, and confirms the whole text
   * against the sources when the query has more than one key.
   */
  async candidates(query: string, max = Number.POSITIVE_INFINITY): Promise<string[] | undefined> {
    const keys = querySearchKeys(query);
    if (keys.length === 0) return undefined;
    const counted = await Promise.all(keys.map(async (k) => ({ k, n: await this.keys.countDocuments({ k }) })));
    counted.sort((a, b) => a.n - b.n);
    if (counted[0]!.n === 0) return [];
    if (counted[0]!.n > max) return undefined;
    const holders = async (k: string, among?: string[]) =>
      (await this.keys.find(among ? { k, r: { $in: among } } : { k }, { projection: { r: 1 } }).toArray()).map((d) => d.r);
    let ids = await holders(counted[0]!.k);
    for (const { k } of counted.slice(1)) {
      if (ids.length === 0) return [];
      // Many candidates: reading each further key's holders costs more than confirming them all below.
      if (ids.length > 1_000) break;
      ids = await holders(k, ids);
    }
    if (keys.length === 1) return ids;
    const confirmed: string[] = [];
    for (let i = 0; i < ids.length; i += 5_000) {
      const texts = await this.sources.find({ _id: { $in: ids.slice(i, i + 5_000) } }).toArray();
      for (const t of texts) if (textHolds(t.text, query)) confirmed.push(t._id);
    }
    return confirmed;
  }
}
