import { mongoose, outboxField, type Connection } from '@yinqi/db';
import type { Collateral, DemandStatus, EventEnvelope, MatchStatus, Purpose, Tier } from '@yinqi/contracts';

/** One certification by the finance centre (梯度培育库 tier and 白名单), kept as history. */
export interface CertificationEntry {
  tier: Tier;
  whitelisted: boolean;
  /** userId of the FINANCE_CENTER account that certified. */
  by: string;
  at: Date;
}

/**
 * An enterprise profile (企业画像). `version` continues identity's enterprise aggregate: 1 is
 * enterprise.registered, every change made here adds one and rides out in `outbox`.
 */
export interface EnterpriseRecord {
  _id: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
  tier: Tier;
  whitelisted: boolean;
  annualRevenue: number | null;
  employees: number | null;
  rdSuperDeductionFiled: number | null;
  highValuePatents: number | null;
  certifications: CertificationEntry[];
  /** Banks that have (or had) a match with this enterprise, learnt from match events: they may read the profile. */
  bankIds: string[];
  /** Guarantee institutions with a guarantee request for this enterprise; filled once the guarantee service exists. */
  guarantorIds: string[];
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** The latest status of one match on a demand, as far as the match events told us. */
export interface MatchState {
  status: MatchStatus;
  /** The match aggregate's version that reported this status; older or equal ones are ignored. */
  version: number;
  bankId: string;
}

/** A financing demand (融资需求). */
export interface DemandRecord {
  _id: string;
  enterpriseId: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  collateral: Collateral;
  maxAnnualRate: number | null;
  needsGuarantee: boolean;
  description: string | null;
  status: DemandStatus;
  /** Keyed by matchId (hex/uuid, so never `.` or a leading `$`). */
  matches: Record<string, MatchState>;
  /** Banks with a match on this demand: they may read it. */
  bankIds: string[];
  /** Guarantee institutions with a request on this demand; filled once the guarantee service exists. */
  guarantorIds: string[];
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const outbox = outboxField;
const stringArray = { type: [String], default: [] };
const optionalInt = { type: Number, default: null };

export function enterpriseModels(db: Connection) {
  const certificationSchema = new mongoose.Schema<CertificationEntry>(
    {
      tier: { type: String, required: true },
      whitelisted: { type: Boolean, required: true },
      by: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { _id: false },
  );
  const enterpriseSchema = new mongoose.Schema<EnterpriseRecord>(
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
  enterpriseSchema.index({ tier: 1, createdAt: -1, _id: -1 });
  enterpriseSchema.index({ createdAt: -1, _id: -1 });

  const demandSchema = new mongoose.Schema<DemandRecord>(
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
  demandSchema.index({ enterpriseId: 1, createdAt: -1, _id: -1 });

  return {
    Enterprise: db.model<EnterpriseRecord>('Enterprise', enterpriseSchema),
    Demand: db.model<DemandRecord>('Demand', demandSchema),
  };
}
export type EnterpriseModels = ReturnType<typeof enterpriseModels>;
