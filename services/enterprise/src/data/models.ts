import type { EventEnvelope } from '@yinqi/contracts';
import { mongoose, outboxPath, type Connection } from '@yinqi/db';
import type { CertificationEntry, DemandRecord, EnterpriseRecord } from '../domain/records';

/** @yinqi/db declares the field `any` (a mongoose schema fragment); typed here for the record's `outbox`. */
const outbox = outboxPath<EventEnvelope>();
const stringArray = { type: [String], default: [] };
const optionalInt = { type: Number, default: null };

function enterpriseSchema() {
  const certificationSchema = new mongoose.Schema<CertificationEntry>(
    {
      tier: { type: String, required: true },
      whitelisted: { type: Boolean, required: true },
      by: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { _id: false },
  );
  const schema = new mongoose.Schema<EnterpriseRecord>(
    {
      _id: String,
      name: { type: String, required: true },
      uscc: { type: String, required: true },
      industry: { type: String, required: true },
      town: { type: String, required: true },
      tier: { type: String, required: true },
      whitelisted: { type: Boolean, required: true },
      annualRevenue: optionalInt,
      employees: optionalInt,
      rdSuperDeductionFiled: optionalInt,
      highValuePatents: optionalInt,
      certifications: { type: [certificationSchema], default: [] },
      bankIds: stringArray,
      guarantorIds: stringArray,
      createdAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: 'enterprises', minimize: false },
  );
  // enterprises(tier) pages newest first within a tier.
  schema.index({ tier: 1, createdAt: -1, _id: -1 });
  schema.index({ createdAt: -1, _id: -1 });
  // Search (data/enterprise-search.ts): a USCC prefix is a range; town and industry filter a page.
  schema.index({ uscc: 1 });
  schema.index({ town: 1, createdAt: -1, _id: -1 });
  schema.index({ industry: 1, createdAt: -1, _id: -1 });
  return schema;
}

function demandSchema() {
  const schema = new mongoose.Schema<DemandRecord>(
    {
      _id: String,
      enterpriseId: { type: String, required: true },
      amount: { type: Number, required: true },
      termMonths: { type: Number, required: true },
      purpose: { type: String, required: true },
      collateral: { type: String, required: true },
      maxAnnualRate: { type: Number, default: null },
      needsGuarantee: { type: Boolean, required: true },
      description: { type: String, default: null },
      status: { type: String, required: true },
      matches: { type: mongoose.Schema.Types.Mixed, default: {} },
      bankIds: stringArray,
      guarantorIds: stringArray,
      createdAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    // minimize: false keeps an empty `matches` map instead of dropping the field.
    { versionKey: false, collection: 'demands', minimize: false },
  );
  schema.index({ enterpriseId: 1, createdAt: -1, _id: -1 });
  return schema;
}

export function enterpriseModels(db: Connection) {
  return {
    Enterprise: db.model<EnterpriseRecord>('Enterprise', enterpriseSchema()),
    Demand: db.model<DemandRecord>('Demand', demandSchema()),
  };
}
export type EnterpriseModels = ReturnType<typeof enterpriseModels>;
