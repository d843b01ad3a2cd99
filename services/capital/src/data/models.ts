import type { EnterpriseSnapshot, EquityRoundStatus, EventEnvelope, ListingStage, MatchStatus, Tier } from '@yinqi/contracts';
import { mongoose, outboxField, type Connection } from '@yinqi/db';

/** Collections whose documents carry an outbox (also the document-lock keys' prefix). */
export const COLLECTIONS = {
  candidates: 'listing_candidates',
  bonds: 'bond_reserve',
  rounds: 'equity_rounds',
  mandates: 'fund_mandates',
  matches: 'fund_matches',
  roadshows: 'roadshows',
} as const;

interface Aggregate {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

export interface StageEntry {
  stage: ListingStage;
  at: Date;
  /** userId of the finance-centre user who set it. */
  by: string;
  note: string | null;
}
export interface RewardPaid {
  stage: ListingStage;
  amount: number;
  paidAt: Date;
  paidBy: string;
}
/** A listing candidate (上市后备企业); _id = enterpriseId. */
export interface CandidateRecord extends Aggregate {
  stage: ListingStage;
  coach: string | null;
  history: StageEntry[];
  rewardsPaid: RewardPaid[];
}

/** A bond-financing reserve item (债券融资项目储备). */
export interface BondRecord extends Aggregate {
  enterpriseId: string;
  amount: number;
  purpose: string;
  plannedQuarter: string;
  createdBy: string;
}

/** An equity round (股权融资) posted by an enterprise. */
export interface RoundRecord extends Aggregate {
  enterpriseId: string;
  amount: number;
  preMoneyValuation: number;
  useOfFunds: string;
  status: EquityRoundStatus;
  closedAt: Date | null;
  createdBy: string;
}

/** A fund's mandate (投资方向); empty lists mean "any". */
export interface MandateRecord extends Aggregate {
  fundId: string;
  name: string;
  minTicket: number;
  maxTicket: number;
  eligibleTiers: Tier[];
  industries: string[];
  stages: ListingStage[];
  createdBy: string;
}

/** A round × mandate match; _id derived from the pair, so a pair only ever has one. */
export interface FundMatchRecord extends Aggregate {
  roundId: string;
  enterpriseId: string;
  mandateId: string;
  fundId: string;
  amount: number;
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  status: MatchStatus;
  note: string | null;
  respondedAt: Date | null;
  respondedBy: string | null;
}

export interface Participant {
  enterpriseId: string;
  pitch: string;
  joinedAt: Date;
}
export interface Lead {
  institutionId: string;
  enterpriseId: string;
  note: string;
  recordedAt: Date;
  recordedBy: string;
}
/** A roadshow (培训路演). */
export interface RoadshowRecord extends Aggregate {
  title: string;
  startsAt: Date;
  industries: string[];
  capacity: number;
  participants: Participant[];
  leads: Lead[];
  createdBy: string;
}

/** Our copy of an enterprise, from the identity and enterprise services' events. */
export type EnterpriseCopy = EnterpriseSnapshot & { _id: string; uscc: string; version: number };

export function capitalModels(db: Connection) {
  const Mixed = mongoose.Schema.Types.Mixed;
  const base = {
    _id: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    outbox: outboxField,
  };
  const opts = (collection: string) => ({ versionKey: false as const, collection, minimize: false });

  const candidate = new mongoose.Schema<CandidateRecord>(
    { ...base, stage: String, coach: { type: String, default: null }, history: [Mixed], rewardsPaid: [Mixed] },
    opts(COLLECTIONS.candidates),
  );
  candidate.index({ createdAt: -1, _id: -1 });
  // listingPipeline(stage): one stage's candidates, newest first.
  candidate.index({ stage: 1, createdAt: -1, _id: -1 });
  const bond = new mongoose.Schema<BondRecord>(
    { ...base, enterpriseId: String, amount: Number, purpose: String, plannedQuarter: String, createdBy: String },
    opts(COLLECTIONS.bonds),
  );
  bond.index({ createdAt: -1, _id: -1 });
  const round = new mongoose.Schema<RoundRecord>(
    {
      ...base,
      enterpriseId: String,
      amount: Number,
      preMoneyValuation: Number,
      useOfFunds: String,
      status: String,
      closedAt: { type: Date, default: null },
      createdBy: String,
    },
    opts(COLLECTIONS.rounds),
  );
  round.index({ enterpriseId: 1 });
  const mandate = new mongoose.Schema<MandateRecord>(
    {
      ...base,
      fundId: String,
      name: String,
      minTicket: Number,
      maxTicket: Number,
      eligibleTiers: [String],
      industries: [String],
      stages: [String],
      createdBy: String,
    },
    opts(COLLECTIONS.mandates),
  );
  const match = new mongoose.Schema<FundMatchRecord>(
    {
      ...base,
      roundId: String,
      enterpriseId: String,
      mandateId: String,
      fundId: String,
      amount: Number,
      score: Number,
      reasons: [Mixed],
      status: String,
      note: { type: String, default: null },
      respondedAt: { type: Date, default: null },
      respondedBy: { type: String, default: null },
    },
    opts(COLLECTIONS.matches),
  );
  match.index({ fundId: 1, createdAt: -1 });
  match.index({ roundId: 1 });
  const roadshow = new mongoose.Schema<RoadshowRecord>(
    {
      ...base,
      title: String,
      startsAt: Date,
      industries: [String],
      capacity: Number,
      participants: [Mixed],
      leads: [Mixed],
      createdBy: String,
    },
    opts(COLLECTIONS.roadshows),
  );
  roadshow.index({ createdAt: -1, _id: -1 });
  const enterprise = new mongoose.Schema({ _id: String }, { strict: false, versionKey: false, collection: 'enterprises' });

  return {
    Candidate: db.model<CandidateRecord>('ListingCandidate', candidate),
    Bond: db.model<BondRecord>('BondReserveItem', bond),
    Round: db.model<RoundRecord>('EquityRound', round),
    Mandate: db.model<MandateRecord>('FundMandate', mandate),
    Match: db.model<FundMatchRecord>('FundMatch', match),
    Roadshow: db.model<RoadshowRecord>('Roadshow', roadshow),
    Enterprise: db.model<EnterpriseCopy>('Enterprise', enterprise),
  };
}
export type CapitalModels = ReturnType<typeof capitalModels>;
