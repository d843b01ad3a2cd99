import type { EnterpriseSnapshot, EventEnvelope } from '@yinqi/contracts';
import { findPage, insertOnce, mongoose, updateAtVersion } from '@yinqi/db';
import { applyIfNewer } from '@yinqi/events';
import type { AggregateStore, CapitalRepository } from '../domain/capital-repository';
import type { AggregateRecord, EnterpriseCopy, Stored } from '../domain/records';
import type { CapitalModels } from './models';

/**
 * One aggregate collection on mongoose: reads by _id (the one indexed lookup on FerretDB), and
 * writes straight to the driver so the outbox push and the version check are one update.
 */
function aggregateStore<R extends AggregateRecord>(model: mongoose.Model<R>): AggregateStore<R> {
  return {
    find: (id) => model.findById(id, { outbox: 0 }).lean<Stored<R>>().exec(),
    // sanitizeFilter treats operators in `filter` as data.
    findMany: (filter) =>
      model
        .find(filter as mongoose.FilterQuery<R>, { outbox: 0 })
        .lean<Stored<R>[]>()
        .exec(),
    findIn: (field, values) =>
      values.length
        ? model
            .find({ [field]: mongoose.trusted({ $in: [...new Set(values)] }) } as mongoose.FilterQuery<R>, { outbox: 0 })
            .lean<Stored<R>[]>()
            .exec()
        : Promise.resolve([] as Stored<R>[]),
    insert: (record) => insertOnce(model.collection, record),
    update: (id: string, version: number, set: Partial<R>, event: EventEnvelope) =>
      updateAtVersion(model.collection, id, version, set, { outbox: event }),
    page: (filter, args, toNode) => findPage(model as never, filter, args, toNode),
    all: () => model.find({}, { outbox: 0 }).lean<Stored<R>[]>().exec(),
  };
}

export function capitalRepository(m: CapitalModels): CapitalRepository {
  const enterprises = m.Enterprise.collection as unknown as mongoose.mongo.Collection<EnterpriseCopy>;
  const roadshows = aggregateStore(m.Roadshow);
  return {
    candidates: aggregateStore(m.Candidate),
    bonds: aggregateStore(m.Bond),
    rounds: aggregateStore(m.Round),
    mandates: aggregateStore(m.Mandate),
    matches: aggregateStore(m.Match),
    roadshows: {
      ...roadshows,
      pageByStart: (start, args, toNode) =>
        roadshows.page(start ? { startsAt: mongoose.trusted(start.upcoming ? { $gte: start.at } : { $lt: start.at }) } : {}, args, toNode),
    },
    saveEnterprise: (e: EnterpriseSnapshot & { uscc?: string }, version: number) => applyIfNewer(enterprises, e.enterpriseId, version, e),
    findEnterprise: (id) => m.Enterprise.findById(id).lean<EnterpriseCopy>().exec(),
    findEnterprises: (ids) =>
      ids.length
        ? m.Enterprise.find({ _id: mongoose.trusted({ $in: ids }) })
            .lean<EnterpriseCopy[]>()
            .exec()
        : Promise.resolve([]),
    allEnterprises: () => m.Enterprise.find({}).lean<EnterpriseCopy[]>().exec(),
  };
}
