import { copySchema, mongoose, outboxPath, type Connection } from '@yinqi/db';
import type { EventEnvelope } from '@yinqi/contracts';
import {
  COLLECTIONS,
  type BondRecord,
  type CandidateRecord,
  type EnterpriseCopy,
  type FundMatchRecord,
  type MandateRecord,
  type RoadshowRecord,
  type RoundRecord,
} from '../domain/records';

const Mixed = mongoose.Schema.Types.Mixed;
/** The fields of every aggregate; a fresh object per schema, as mongoose may keep what it is given. */
const base = () => ({
  _id: String,
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  version: { type: Number, required: true },
  outbox: outboxPath<EventEnvelope>(),
});
const opts = (collection: string) => ({ versionKey: false as const, collection, minimize: false });

/** The listing pipeline's candidates and the bond reserve. */
function listingSchemas() {
  const candidate = new mongoose.Schema<CandidateRecord>(
    { ...base(), stage: String, coach: { type: String, default: null }, history: [Mixed], rewardsPaid: [Mixed] },
    opts(COLLECTIONS.candidates),
  );
  candidate.index({ createdAt: -1, _id: -1 });
  // listingPipeline(stage): one stage's candidates, newest first.
  candidate.index({ stage: 1, createdAt: -1, _id: -1 });
  const bond = new mongoose.Schema<BondRecord>(
    { ...base(), enterpriseId: String, amount: Number, purpose: String, plannedQuarter: String, createdBy: String },
    opts(COLLECTIONS.bonds),
  );
  bond.index({ createdAt: -1, _id: -1 });
  return { candidate, bond };
}

/** Equity rounds, fund mandates and their matches. */
function equitySchemas() {
  const round = new mongoose.Schema<RoundRecord>(
    {
      ...base(),
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
      ...base(),
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
      ...base(),
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
  return { round, mandate, match };
}

function roadshowSchema() {
  const roadshow = new mongoose.Schema<RoadshowRecord>(
    {
      ...base(),
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
  return roadshow;
}

export function capitalModels(db: Connection) {
  const { candidate, bond } = listingSchemas();
  const { round, mandate, match } = equitySchemas();
  const roadshow = roadshowSchema();
  const enterprise = copySchema('enterprises');

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
