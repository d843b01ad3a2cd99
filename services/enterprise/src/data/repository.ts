import { UNPROFILED } from '@yinqi/contracts';
import { findPage, mongoose } from '@yinqi/db';
import { applyIfNewer, documentLockKey, withDocumentLock } from '@yinqi/events';
import type { Demand, Enterprise, EnterpriseRecord } from '../domain/records';
import type { EnterpriseRepository, Registration } from '../domain/repository';
import type { EnterpriseModels } from './models';

const hideOutbox = { outbox: 0 } as const;

/** What a profile holds beyond its registration until the enterprise or the finance centre fills it in. */
const emptyProfile = (registeredAt: Date): Omit<EnterpriseRecord, '_id' | 'version' | keyof Registration> => ({
  ...UNPROFILED,
  certifications: [],
  bankIds: [],
  guarantorIds: [],
  createdAt: registeredAt,
  outbox: [],
});

/** How many (enterprise, relation, institution) writes a process remembers, to skip repeats. */
const RELATIONS_KEPT = 100_000;

/** A version-checked single-document update: atomic, false when another writer got there first. */
async function updateIfVersion(
  model: EnterpriseModels['Demand'] | EnterpriseModels['Enterprise'],
  id: string,
  expectedVersion: number,
  update: Record<string, unknown>,
): Promise<boolean> {
  const coll = model.collection as unknown as mongoose.mongo.Collection<{ _id: string; version: number }>;
  return (await coll.updateOne({ _id: id, version: expectedVersion }, update)).matchedCount > 0;
}

/**
 * Every match event records its bank on the enterprise; relations are never removed, so a pair this
 * process has already written is skipped instead of rewriting the document (each rewrite is a
 * full-document write on FerretDB). Bounded: forgotten wholesale past RELATIONS_KEPT.
 */
function relationRecorder(m: EnterpriseModels): EnterpriseRepository['addEnterpriseRelation'] {
  const recordedRelations = new Set<string>();
  return (enterpriseId, field, institutionId) => {
    const key = `${enterpriseId}\u0000${field}\u0000${institutionId}`;
    if (recordedRelations.has(key)) return Promise.resolve();
    return withDocumentLock(documentLockKey('enterprises', enterpriseId), async () => {
      const res = await m.Enterprise.updateOne({ _id: enterpriseId }, { $addToSet: { [field]: institutionId } }).exec();
      if (res.matchedCount === 0) return; // no profile yet: nothing to remember
      if (recordedRelations.size >= RELATIONS_KEPT) recordedRelations.clear();
      recordedRelations.add(key);
    });
  };
}

export function enterpriseRepository(m: EnterpriseModels): EnterpriseRepository {
  const addEnterpriseRelation = relationRecorder(m);
  return {
    findEnterprise: (id) => m.Enterprise.findById(id, hideOutbox).lean<Enterprise>().exec(),
    findEnterprises: (ids) =>
      m.Enterprise.find({ _id: mongoose.trusted({ $in: ids }) }, hideOutbox)
        .lean<Enterprise[]>()
        .exec(),
    pageEnterprises: (filter, page) => findPage(m.Enterprise, filter.tier ? { tier: filter.tier } : {}, page, (d) => d as Enterprise),

    projectRegistration: (reg, version, registeredAt) =>
      applyIfNewer<EnterpriseRecord>(
        m.Enterprise.db.db!.collection<EnterpriseRecord>(m.Enterprise.collection.collectionName),
        reg.enterpriseId,
        version,
        { name: reg.name, uscc: reg.uscc, industry: reg.industry, town: reg.town },
        { setOnInsert: emptyProfile(registeredAt) },
      ),

    updateEnterprise: (id, expectedVersion, change) =>
      withDocumentLock(documentLockKey('enterprises', id), async () => {
        const push: Record<string, unknown> = { outbox: change.event };
        if (change.certification) push.certifications = change.certification;
        return updateIfVersion(m.Enterprise, id, expectedVersion, { $set: { ...change.set, version: expectedVersion + 1 }, $push: push });
      }),

    addEnterpriseRelation,

    async insertDemand(demand) {
      await m.Demand.collection.insertOne(demand as never);
    },
    findDemand: (id) => m.Demand.findById(id, hideOutbox).lean<Demand>().exec(),
    findDemands: (ids) =>
      m.Demand.find({ _id: mongoose.trusted({ $in: ids }) }, hideOutbox)
        .lean<Demand[]>()
        .exec(),
    demandsOfEnterprise: (enterpriseId, limit) =>
      m.Demand.find({ enterpriseId }, hideOutbox).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<Demand[]>().exec(),

    // Under the document lock the outbox relay also takes: FerretDB updates are not isolated.
    updateDemand: (id, expectedVersion, change) =>
      withDocumentLock(documentLockKey('demands', id), async () => {
        const update: Record<string, unknown> = { $set: { ...change.set, version: expectedVersion + 1 } };
        if (change.event) update.$push = { outbox: change.event };
        return updateIfVersion(m.Demand, id, expectedVersion, update);
      }),

    addDemandGuarantor: (demandId, guarantorId) =>
      withDocumentLock(documentLockKey('demands', demandId), async () => {
        await m.Demand.updateOne({ _id: demandId }, { $addToSet: { guarantorIds: guarantorId } }).exec();
      }),
  };
}
