import type { EventEnvelope, Tier } from '@yinqi/contracts';
import { findPage, mongoose, type Page } from '@yinqi/db';
import { applyIfNewer, documentLockKey, withDocumentLock } from '@yinqi/events';
import type { CertificationEntry, DemandRecord, EnterpriseModels, EnterpriseRecord } from './models';

export type Enterprise = Omit<EnterpriseRecord, 'outbox'>;
export type Demand = Omit<DemandRecord, 'outbox'>;

/** What enterprise.registered tells us; the rest of the profile starts empty. */
export interface Registration {
  enterpriseId: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
}

type EnterpriseFields = Omit<Enterprise, '_id' | 'version' | 'createdAt' | 'certifications'>;
type DemandFields = Omit<Demand, '_id' | 'version' | 'createdAt' | 'enterpriseId'>;

/**
 * Plain-object access to profiles and demands; mongoose stays in here. Every change is one
 * conditional single-document write on the aggregate's version (optimistic concurrency), carrying
 * its event in `outbox`, and bumps the version by one.
 */
export interface EnterpriseRepository {
  findEnterprise(id: string): Promise<Enterprise | null>;
  findEnterprises(ids: string[]): Promise<Enterprise[]>;
  pageEnterprises(filter: { tier?: Tier | undefined }, page: { first?: unknown; after?: unknown }): Promise<Page<Enterprise>>;
  /** Creates the profile from enterprise.registered; false when that version was already applied. */
  projectRegistration(reg: Registration, version: number, registeredAt: Date): Promise<boolean>;
  /** Applies the change only when the stored version is `expectedVersion`; false when someone else wrote first. */
  updateEnterprise(
    id: string,
    expectedVersion: number,
    change: { set: Partial<EnterpriseFields>; certification?: CertificationEntry; event: EventEnvelope },
  ): Promise<boolean>;
  /** Remembers that an institution has a match (bank) or guarantee request (guarantor) with the enterprise; idempotent. */
  addEnterpriseRelation(enterpriseId: string, field: 'bankIds' | 'guarantorIds', institutionId: string): Promise<void>;
  insertDemand(demand: DemandRecord): Promise<void>;
  findDemand(id: string): Promise<Demand | null>;
  findDemands(ids: string[]): Promise<Demand[]>;
  /** Newest first, at most `limit`. */
  demandsOfEnterprise(enterpriseId: string, limit: number): Promise<Demand[]>;
  updateDemand(
    id: string,
    expectedVersion: number,
    change: { set: Partial<DemandFields>; event?: EventEnvelope | undefined },
  ): Promise<boolean>;
  /** Idempotent; touches no version because it reports no change of the demand itself. */
  addDemandGuarantor(demandId: string, guarantorId: string): Promise<void>;
}

const hideOutbox = { outbox: 0 } as const;

/** How many (enterprise, relation, institution) writes a process remembers, to skip repeats. */
const RELATIONS_KEPT = 100_000;

export function enterpriseRepository(m: EnterpriseModels): EnterpriseRepository {
  const recordedRelations = new Set<string>();
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

  return {
    findEnterprise: (id) => m.Enterprise.findById(id, hideOutbox).lean<Enterprise>().exec(),
    findEnterprises: (ids) =>
      m.Enterprise.find({ _id: mongoose.trusted({ $in: ids }) }, hideOutbox)
        .lean<Enterprise[]>()
        .exec(),
    pageEnterprises: (filter, page) => findPage(m.Enterprise, filter.tier ? { tier: filter.tier } : {}, page, (d) => d as Enterprise),

    async projectRegistration(reg, version, registeredAt) {
      const onInsert: Omit<EnterpriseRecord, '_id' | 'version' | keyof Registration> = {
        tier: 'NONE',
        whitelisted: false,
        annualRevenue: null,
        employees: null,
        rdSuperDeductionFiled: null,
        highValuePatents: null,
        certifications: [],
        bankIds: [],
        guarantorIds: [],
        createdAt: registeredAt,
        outbox: [],
      };
      return applyIfNewer<EnterpriseRecord>(
        m.Enterprise.db.db!.collection<EnterpriseRecord>(m.Enterprise.collection.collectionName),
        reg.enterpriseId,
        version,
        { name: reg.name, uscc: reg.uscc, industry: reg.industry, town: reg.town },
        { setOnInsert: onInsert },
      );
    },

    updateEnterprise: (id, expectedVersion, change) =>
      withDocumentLock(documentLockKey('enterprises', id), async () => {
        const push: Record<string, unknown> = { outbox: change.event };
        if (change.certification) push.certifications = change.certification;
        return updateIfVersion(m.Enterprise, id, expectedVersion, { $set: { ...change.set, version: expectedVersion + 1 }, $push: push });
      }),

    addEnterpriseRelation: (enterpriseId, field, institutionId) => {
      // Every match event records its bank here; relations are never removed, so a pair this
      // process has already written is skipped instead of rewriting the document (each rewrite
      // is a full-document write on FerretDB). Bounded: forgotten wholesale past RELATIONS_KEPT.
      const key = `${enterpriseId}\u0000${field}\u0000${institutionId}`;
      if (recordedRelations.has(key)) return Promise.resolve();
      return withDocumentLock(documentLockKey('enterprises', enterpriseId), async () => {
        const res = await m.Enterprise.updateOne({ _id: enterpriseId }, { $addToSet: { [field]: institutionId } }).exec();
        if (res.matchedCount === 0) return; // no profile yet: nothing to remember
        if (recordedRelations.size >= RELATIONS_KEPT) recordedRelations.clear();
        recordedRelations.add(key);
      });
    },

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
