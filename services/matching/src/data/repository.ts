import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import { WORKING_CALENDAR_KEY, type EventEnvelope, type MatchStatus } from '@yinqi/contracts';
import { afterCursor, encodeCursor, isDuplicateKeyError, mongoose, pageSize, type Page } from '@yinqi/db';
import { applyIfNewer, type VersionedDocument } from '@yinqi/events';
import { MatchIndex } from './match-index';
import { matchIdOf, type Match, type MatchRecord } from '../domain/match';
import type { PolicyCopy } from '../domain/store';
import type { DemandCopy, EnterpriseCopy, MatchingModels, ProductCopy } from './models';

/** The matches collection with the in-memory index and cache every read and write keeps current. */
interface MatchDocuments {
  matches: mongoose.mongo.Collection<MatchRecord>;
  index: MatchIndex;
  cache: MatchCache;
}

const noOutbox = { projection: { outbox: 0 } } as const;

/**
 * Hot reads never filter `matches` on anything but `_id`: which matches a demand, product or bank
 * has comes from the in-memory `MatchIndex` (rebuilt by `loadIndex` at start, kept current by
 * the writes below), and the documents are then read by `_id` (FerretDB 1.24 scans the whole
 * collection for any other filter, `$in` on `_id` included — README "Known limits").
 */
export function matchingRepository(m: MatchingModels, opts: { cacheSize?: number } = {}) {
  const md: MatchDocuments = {
    matches: m.Match.collection as unknown as mongoose.mongo.Collection<MatchRecord>,
    index: new MatchIndex(matchIdOf),
    cache: new MatchCache(opts.cacheSize ?? 20_000),
  };
  return {
    /** The in-memory index of which matches exist (for gauges and tests). */
    index: md.index,
    /** The recently used match documents (for gauges and tests). */
    cache: md.cache,
    ...matchReads(md),
    ...matchWrites(md, m),
    ...copies(m),
    ...acceptances(m),
  };
}
export type MatchingRepository = ReturnType<typeof matchingRepository>;

/** Matches by id, in the order asked, skipping unknown ids: from the cache, the rest in one `$in` read. */
async function byIds(md: MatchDocuments, ids: readonly string[]): Promise<Match[]> {
  if (ids.length === 0) return [];
  const hits = ids.map((id) => md.cache.get(id));
  const missing = ids.filter((_, i) => hits[i] === undefined);
  if (missing.length === 0) return hits as Match[];
  const docs = (await md.matches.find({ _id: { $in: missing } }, noOutbox).toArray()) as Match[];
  for (const doc of docs) md.cache.put(doc);
  const read = new Map(docs.map((doc) => [doc._id, doc]));
  return ids.map((id, i) => hits[i] ?? read.get(id)).filter((doc): doc is Match => doc !== undefined);
}

/** A version-checked update of one match: atomic, false when another writer got there first. */
async function updateIfVersion(
  md: MatchDocuments,
  id: string,
  version: number,
  update: mongoose.mongo.UpdateFilter<MatchRecord>,
): Promise<boolean> {
  return (await md.matches.updateOne({ _id: id, version }, update)).matchedCount === 1;
}

function matchReads(md: MatchDocuments) {
  return {
    /** Rebuilds the index from the store: one scan of `matches`, at start. */
    async loadIndex(): Promise<number> {
      const rows = await md.matches.find({}, { projection: { demandId: 1, productId: 1, bankId: 1, status: 1, createdAt: 1 } }).toArray();
      rows.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
      for (const r of rows) md.index.put(r);
      return rows.length;
    },
    /** The stored match, read from the database (writers decide on it); refreshes the cache. */
    async findMatch(id: string): Promise<Match | null> {
      const doc = (await md.matches.findOne({ _id: id }, noOutbox)) as Match | null;
      if (doc) md.cache.put(doc);
      else md.cache.delete(id);
      return doc;
    },
    /** Every match of a demand, any status. */
    matchesOfDemand: (demandId: string) =>
      byIds(
        md,
        md.index.ofDemand(demandId).map((e) => e.id),
      ),
    matchesOfProduct: async (productId: string, statuses: MatchStatus[]) =>
      (
        await byIds(
          md,
          md.index.ofProduct(productId, statuses).map((e) => e.id),
        )
      ).filter((x) => statuses.includes(x.status)),
    /** The matches of these demands, best score first. */
    matchesByDemandIds: async (ids: string[]) =>
      (
        await byIds(
          md,
          ids.flatMap((d) => md.index.ofDemand(d).map((e) => e.id)),
        )
      ).sort((a, b) => b.score - a.score),
    matchesByIds: (ids: string[]) => byIds(md, ids),
    /** A bank's inbox, newest first, with findPage's cursor (createdAt ms, id) — paged in memory, read by `_id`. */
    async bankMatches<T>(
      bankId: string,
      status: MatchStatus | undefined,
      args: { first?: unknown; after?: unknown },
      toNode: (m: Match) => T,
    ): Promise<Page<T>> {
      const size = pageSize(args.first);
      const page = md.index.bankPage(bankId, status, afterCursor(args.after), size);
      const docs = await byIds(
        md,
        page.items.map((e) => e.id),
      );
      const edges = docs.map((d) => ({ cursor: encodeCursor([new Date(d.createdAt).getTime(), d._id]), node: toNode(d) }));
      return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.total };
    },
  };
}

function matchWrites(md: MatchDocuments, m: MatchingModels) {
  return {
    /**
     * Inserts many new matches in one round trip (each with its own event in its own document);
     * pairs that already have a match are skipped (and indexed as stored). Returns the records inserted.
     */
    async insertMatches(records: MatchRecord[]): Promise<MatchRecord[]> {
      if (records.length === 0) return [];
      const { inserted, duplicates } = await insertSkippingDuplicates(md, records);
      const reRead: string[] = [];
      records.forEach((r, i) => {
        if (!duplicates.has(i)) {
          md.index.put(r);
          md.cache.put(r);
        } else if (!md.index.get(r.demandId, r.productId)) reRead.push(r._id);
      });
      for (const stored of await byIds(md, reRead)) md.index.put(stored);
      // Unknown which were inserted (no per-document errors): none are reported (the caller kicks the relay by id).
      if (duplicates.size === records.length && inserted > 0) return [];
      return records.filter((_, i) => !duplicates.has(i));
    },
    /**
     * Optimistic single-document update (the caller holds the match's document lock): applies
     * `set` and appends `event` only if the match is still at `current.version`. False when
     * someone else changed it first — the caller re-reads and decides again.
     */
    async updateMatch(current: Match, set: Partial<MatchRecord>, event: EventEnvelope): Promise<boolean> {
      const updatedAt = new Date();
      const ok = await updateIfVersion(md, current._id, current.version, {
        $set: { ...set, version: current.version + 1, updatedAt },
        $push: { outbox: event },
      } as never);
      if (ok) {
        md.index.put({ ...current, status: set.status ?? current.status });
        md.cache.put({ ...current, ...set, version: current.version + 1, updatedAt } as Match);
      } else md.cache.delete(current._id);
      return ok;
    },
    /** Silent refresh of score and reasons (no lifecycle change, no event). */
    async refreshMatch(id: string, version: number, score: number, reasons: Match['reasons']): Promise<boolean> {
      const ok = await updateIfVersion(md, id, version, { $set: { score, reasons } });
      const cached = md.cache.get(id);
      if (ok && cached?.version === version) md.cache.put({ ...cached, score, reasons });
      else md.cache.delete(id);
      return ok;
    },

    /** The selected guarantee quote's fee rate, for allInAnnualRate (no lifecycle change, no event). */
    async setGuaranteeFeeRate(matchId: string, feeRate: number | null): Promise<void> {
      await m.Match.collection.updateOne({ _id: matchId } as never, { $set: { guaranteeFeeRate: feeRate } } as never);
      const cached = md.cache.get(matchId);
      if (cached) md.cache.put({ ...cached, guaranteeFeeRate: feeRate });
    },
  };
}

/**
 * An unordered insertMany that takes duplicate keys as "already stored": returns how many went in
 * and the positions refused as duplicates (all of them when the server does not say which).
 * Any other write error is thrown.
 */
async function insertSkippingDuplicates(
  md: MatchDocuments,
  records: MatchRecord[],
): Promise<{ inserted: number; duplicates: Set<number> }> {
  const duplicates = new Set<number>();
  try {
    return { inserted: (await md.matches.insertMany(records, { ordered: false })).insertedCount, duplicates };
  } catch (err) {
    const e = err as {
      code?: number;
      writeErrors?: { code?: number; index?: number }[] | { code?: number; index?: number };
      result?: { insertedCount?: number };
      insertedCount?: number;
    };
    const errors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
    const onlyDuplicates = errors.length > 0 ? errors.every((w) => w.code === 11000) : e.code === 11000;
    if (!onlyDuplicates) throw err;
    const inserted = e.insertedCount ?? e.result?.insertedCount ?? 0;
    if (errors.length > 0 && errors.every((w) => typeof w.index === 'number')) for (const w of errors) duplicates.add(w.index!);
    else records.forEach((_, i) => duplicates.add(i)); // unknown which: read them all back
    return { inserted, duplicates };
  }
}

/** Copies of other services' aggregates (enterprise, demand, product, policy, calendar), kept from their events. */
function copies(m: MatchingModels) {
  const copy = <T extends VersionedDocument>(model: mongoose.Model<T>) => model.collection as unknown as mongoose.mongo.Collection<T>;
  return {
    /** Stores another service's aggregate if this version is newer; false when already seen. */
    saveEnterprise: (e: Omit<EnterpriseCopy, '_id' | 'version'>, version: number) =>
      applyIfNewer(copy(m.Enterprise), e.enterpriseId, version, e),
    saveDemand: (d: Omit<DemandCopy, '_id' | 'version'>, version: number) => applyIfNewer(copy(m.Demand), d.demandId, version, d),
    saveProduct: (p: Omit<ProductCopy, '_id' | 'version'>, version: number) => applyIfNewer(copy(m.Product), p.productId, version, p),
    allEnterprises: () => m.Enterprise.find({}).lean<EnterpriseCopy[]>().exec(),
    liveDemands: () =>
      m.Demand.find({ status: mongoose.trusted({ $in: ['OPEN', 'MATCHED'] }) })
        .lean<DemandCopy[]>()
        .exec(),
    publishedProducts: () => m.Product.find({ status: 'PUBLISHED' }).lean<ProductCopy[]>().exec(),
    findDemandCopy: (id: string) => m.Demand.findById(id).lean<DemandCopy>().exec(),
    findProductCopy: (id: string) => m.Product.findById(id).lean<ProductCopy>().exec(),
    findEnterpriseCopy: (id: string) => m.Enterprise.findById(id).lean<EnterpriseCopy>().exec(),

    /** Our copy of the district policy (one document): the fee target and the response SLA. */
    savePolicy: (policy: PolicyCopy, version: number) =>
      applyIfNewer(
        m.Policy.collection as unknown as mongoose.mongo.Collection<PolicyCopy & { _id: string; version: number }>,
        'policy',
        version,
        policy,
      ),
    findPolicy: () => m.Policy.findById('policy').lean<PolicyCopy>().exec(),
    /** Our copy of the working calendar (calendar.changed), beside the policy under its own key. */
    saveCalendar: (calendar: WorkingCalendarSnapshot, version: number) =>
      applyIfNewer(
        m.Policy.collection as unknown as mongoose.mongo.Collection<WorkingCalendarSnapshot & { _id: string; version: number }>,
        WORKING_CALENDAR_KEY,
        version,
        { years: calendar.years },
      ),
    findCalendar: async (): Promise<WorkingCalendarSnapshot | null> => {
      const c = await m.Policy.findById(WORKING_CALENDAR_KEY).lean<WorkingCalendarSnapshot>().exec();
      return c ? { years: c.years } : null;
    },
  };
}

/** One claim document per demand: the accepted match. */
function acceptances(m: MatchingModels) {
  return {
    /** Gives up a claim whose accept could not complete (the match moved on meanwhile). */
    async releaseAcceptance(demandId: string, matchId: string): Promise<void> {
      const claim = await m.Acceptance.findById(demandId).lean<{ matchId: string }>().exec();
      if (claim?.matchId === matchId) await m.Acceptance.collection.deleteOne({ _id: demandId } as never);
    },
    /** Claims the demand for one accepted match; returns the match id that holds the claim. */
    async claimAcceptance(demandId: string, matchId: string): Promise<string> {
      try {
        await m.Acceptance.collection.insertOne({ _id: demandId, matchId, at: new Date() } as never);
        return matchId;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await m.Acceptance.findById(demandId).lean<{ matchId: string }>().exec();
        return existing!.matchId;
      }
    },
  };
}

/**
 * The most recently used match documents, by id (least recently used dropped beyond `capacity`).
 * Reads of a demand's matches or a bank's inbox are then mostly memory: on FerretDB each document
 * read is one query, and a demand with 50 matches polled by its enterprise was 50 queries a poll.
 * Write-through: every write of this service puts the new state (or drops the entry when the
 * outcome is unknown); matches are written only by this service, so with one replica the cache is
 * never stale (the match index and the matcher make the same single-replica assumption,
 * docs/DEPLOYMENT.md). The stored outbox is never cached.
 */
export class MatchCache {
  private readonly docs = new Map<string, Match>();
  constructor(readonly capacity: number) {}
  get size(): number {
    return this.docs.size;
  }
  get(id: string): Match | undefined {
    const d = this.docs.get(id);
    if (d !== undefined) {
      this.docs.delete(id);
      this.docs.set(id, d);
    }
    return d;
  }
  put(doc: Match | MatchRecord): void {
    if (this.capacity <= 0) return;
    const { outbox: _outbox, ...match } = doc as MatchRecord;
    this.docs.delete(match._id);
    this.docs.set(match._id, match);
    if (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value!);
  }
  delete(id: string): void {
    this.docs.delete(id);
  }
}
