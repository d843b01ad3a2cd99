import { createHash } from 'node:crypto';
import type { EventEnvelope, MatchStatus } from '@yinqi/contracts';
import { findPage, isDuplicateKeyError, mongoose } from '@yinqi/db';
import { applyIfNewer, type VersionedDocument } from '@yinqi/events';
import type { DemandCopy, EnterpriseCopy, MatchingModels, MatchRecord, ProductCopy } from './models';

export type Match = Omit<MatchRecord, 'outbox'>;

/** The match id of a (demand, product) pair: deterministic, so a pair can only ever have one. */
export const matchIdOf = (demandId: string, productId: string) =>
  createHash('sha256').update(`${demandId}\u0000${productId}`).digest('hex').slice(0, 32);

export function matchingRepository(m: MatchingModels) {
  const copy = <T extends VersionedDocument>(model: mongoose.Model<T>) => model.collection as unknown as mongoose.mongo.Collection<T>;
  return {
    /** Stores another service's aggregate if this version is newer; false when already seen. */
    saveEnterprise: (e: Omit<EnterpriseCopy, '_id' | 'version'>, version: number) => applyIfNewer(copy(m.Enterprise), e.enterpriseId, version, e),
    saveDemand: (d: Omit<DemandCopy, '_id' | 'version'>, version: number) => applyIfNewer(copy(m.Demand), d.demandId, version, d),
    saveProduct: (p: Omit<ProductCopy, '_id' | 'version'>, version: number) => applyIfNewer(copy(m.Product), p.productId, version, p),
    allEnterprises: () => m.Enterprise.find({}).lean<EnterpriseCopy[]>().exec(),
    liveDemands: () => m.Demand.find({ status: mongoose.trusted({ $in: ['OPEN', 'MATCHED'] }) }).lean<DemandCopy[]>().exec(),
    publishedProducts: () => m.Product.find({ status: 'PUBLISHED' }).lean<ProductCopy[]>().exec(),
    findDemandCopy: (id: string) => m.Demand.findById(id).lean<DemandCopy>().exec(),
    findProductCopy: (id: string) => m.Product.findById(id).lean<ProductCopy>().exec(),
    findEnterpriseCopy: (id: string) => m.Enterprise.findById(id).lean<EnterpriseCopy>().exec(),

    /** Inserts a new match with its event; false when the pair already has one. */
    async insertMatch(record: MatchRecord): Promise<boolean> {
      try {
        await m.Match.collection.insertOne(record as never);
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
    /**
     * Inserts many new matches in one round trip (each with its own event in its own document);
     * pairs that already have a match are skipped. Returns how many were inserted.
     */
    async insertMatches(records: MatchRecord[]): Promise<number> {
      if (records.length === 0) return 0;
      try {
        const res = await m.Match.collection.insertMany(records as never[], { ordered: false });
        return res.insertedCount;
      } catch (err) {
        const e = err as { code?: number; writeErrors?: { code?: number }[] | { code?: number }; result?: { insertedCount?: number }; insertedCount?: number };
        const errors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
        const onlyDuplicates = errors.length > 0 ? errors.every((w) => w.code === 11000) : e.code === 11000;
        if (!onlyDuplicates) throw err;
        return e.insertedCount ?? e.result?.insertedCount ?? 0;
      }
    },
    findMatch: (id: string) => m.Match.findById(id, { outbox: 0 }).lean<Match>().exec(),
    matchesOfDemand: (demandId: string) => m.Match.find({ demandId }, { outbox: 0 }).lean<Match[]>().exec(),
    matchesOfProduct: (productId: string, statuses: MatchStatus[]) =>
      m.Match.find({ productId, status: mongoose.trusted({ $in: statuses }) }, { outbox: 0 }).lean<Match[]>().exec(),
    matchesByDemandIds: (ids: string[]) => m.Match.find({ demandId: mongoose.trusted({ $in: ids }) }, { outbox: 0 }).sort({ score: -1 }).lean<Match[]>().exec(),
    matchesByIds: (ids: string[]) => m.Match.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0 }).lean<Match[]>().exec(),
    bankMatches: <T>(bankId: string, status: string | undefined, args: { first?: unknown; after?: unknown }, toNode: (m: MatchRecord) => T) =>
      findPage(m.Match, { bankId, ...(status ? { status } : {}) }, args, toNode),

    /**
     * Optimistic single-document update: applies `set` and appends `event` only if the match
     * is still at `version` (and, optionally, in one of `statuses`). False when someone else
     * changed it first — the caller re-reads and decides again.
     */
    async updateMatch(id: string, version: number, set: Partial<MatchRecord>, event: EventEnvelope): Promise<boolean> {
      const res = await m.Match.collection.updateOne(
        { _id: id, version } as never,
        { $set: { ...set, version: version + 1, updatedAt: new Date() }, $push: { outbox: event } } as never,
      );
      return res.modifiedCount === 1;
    },
    /** Silent refresh of score and reasons (no lifecycle change, no event). */
    refreshMatch: (id: string, version: number, score: number, reasons: Match['reasons']) =>
      m.Match.collection.updateOne({ _id: id, version } as never, { $set: { score, reasons } } as never),

    /** The selected guarantee quote's fee rate, for allInAnnualRate (no lifecycle change, no event). */
    setGuaranteeFeeRate: (matchId: string, feeRate: number | null) => m.Match.collection.updateOne({ _id: matchId } as never, { $set: { guaranteeFeeRate: feeRate } } as never),
    /** Our copy of the district policy (one document). */
    savePolicy: (policy: { guaranteeFeeRateTarget: number }, version: number) =>
      applyIfNewer(m.Policy.collection as unknown as mongoose.mongo.Collection<{ _id: string; version: number; guaranteeFeeRateTarget: number }>, 'policy', version, policy),
    findPolicy: () => m.Policy.findById('policy').lean<{ guaranteeFeeRateTarget: number }>().exec(),
    /** Gives up a claim whose accept could not complete (the match moved on meanwhile). */
    releaseAcceptance: (demandId: string, matchId: string) => m.Acceptance.deleteOne({ _id: demandId, matchId }).exec(),
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
export type MatchingRepository = ReturnType<typeof matchingRepository>;
