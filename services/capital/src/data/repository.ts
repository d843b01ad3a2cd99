import { createHash } from 'node:crypto';
import type { EnterpriseSnapshot, EventEnvelope } from '@yinqi/contracts';
import { findPage, isDuplicateKeyError, mongoose, type Page } from '@yinqi/db';
import { applyIfNewer } from '@yinqi/events';
import type { CapitalModels, EnterpriseCopy } from './models';

/** A fund match id of a (round, mandate) pair: deterministic, so a pair can only ever have one. */
export const fundMatchIdOf = (roundId: string, mandateId: string) =>
  createHash('sha256').update(`fund\u0000${roundId}\u0000${mandateId}`).digest('hex').slice(0, 32);

type Stored<R> = Omit<R, 'outbox'>;

/**
 * Reads and writes of one aggregate collection: reads by _id (the one indexed lookup on
 * FerretDB), inserts settled by the unique _id, and optimistic single-document updates that
 * append the change's event to the document's outbox in the same write.
 */
export function aggregateStore<R extends { _id: string; version: number; createdAt: Date }>(model: mongoose.Model<R>) {
  return {
    find: (id: string) => model.findById(id, { outbox: 0 }).lean<Stored<R>>().exec(),
    /** Equality filters only (sanitizeFilter treats operators as data); use findIn for a set of values. */
    findMany: (filter: Record<string, string | number>) =>
      model
        .find(filter as mongoose.FilterQuery<R>, { outbox: 0 })
        .lean<Stored<R>[]>()
        .exec(),
    findIn: (field: string, values: string[]) =>
      values.length
        ? model
            .find({ [field]: mongoose.trusted({ $in: [...new Set(values)] }) } as mongoose.FilterQuery<R>, { outbox: 0 })
            .lean<Stored<R>[]>()
            .exec()
        : Promise.resolve([] as Stored<R>[]),
    /** Inserts a new aggregate with its first event(s); false when the _id is taken. */
    async insert(record: R): Promise<boolean> {
      try {
        await model.collection.insertOne(record as never);
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
    /** Applies `set` and appends `event` only if the aggregate is still at `version`. */
    async update(id: string, version: number, set: Partial<R>, event: EventEnvelope): Promise<boolean> {
      const res = await model.collection.updateOne(
        { _id: id, version } as never,
        { $set: { ...set, version: version + 1 }, $push: { outbox: event } } as never,
      );
      return res.modifiedCount === 1;
    },
    page: <T>(filter: Record<string, unknown>, args: { first?: unknown; after?: unknown }, toNode: (r: R) => T): Promise<Page<T>> =>
      findPage(model as never, filter, args, toNode),
    all: () => model.find({}, { outbox: 0 }).lean<Stored<R>[]>().exec(),
  };
}
export type AggregateStore<R extends { _id: string; version: number; createdAt: Date }> = ReturnType<typeof aggregateStore<R>>;

export function capitalRepository(m: CapitalModels) {
  const enterprises = m.Enterprise.collection as unknown as mongoose.mongo.Collection<EnterpriseCopy>;
  return {
    candidates: aggregateStore(m.Candidate),
    bonds: aggregateStore(m.Bond),
    rounds: aggregateStore(m.Round),
    mandates: aggregateStore(m.Mandate),
    matches: aggregateStore(m.Match),
    roadshows: aggregateStore(m.Roadshow),
    /** Stores an enterprise copy if this version is newer; false when already seen. */
    saveEnterprise: (e: EnterpriseSnapshot & { uscc?: string }, version: number) => applyIfNewer(enterprises, e.enterpriseId, version, e),
    findEnterprise: (id: string) => m.Enterprise.findById(id).lean<EnterpriseCopy>().exec(),
    findEnterprises: (ids: string[]) =>
      ids.length
        ? m.Enterprise.find({ _id: mongoose.trusted({ $in: ids }) })
            .lean<EnterpriseCopy[]>()
            .exec()
        : Promise.resolve([]),
    allEnterprises: () => m.Enterprise.find({}).lean<EnterpriseCopy[]>().exec(),
  };
}
export type CapitalRepository = ReturnType<typeof capitalRepository>;
