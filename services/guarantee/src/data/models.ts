import type { CalendarYear } from '@yinqi/calendar';
import type { DemandSnapshot, EventEnvelope, PolicySnapshot } from '@yinqi/contracts';
import { mongoose, outboxField, type Connection } from '@yinqi/db';

export type RequestStatus = 'OPEN' | 'SELECTED' | 'CLOSED';

/** The collections whose documents carry an outbox; their names are also the document-lock keys' prefix. */
export const REQUESTS_COLLECTION = 'guarantee_requests';
export const POLICY_COLLECTION = 'policy';
export const CALENDAR_COLLECTION = 'working_calendar';

export interface QuoteRecord {
  quoteId: string;
  guarantorId: string;
  /** userId of the officer who quoted. */
  quotedBy: string;
  feeRate: number;
  coverageRatio: number;
  conditions: string | null;
  quotedAt: Date;
}

/** The accepted offer as the match event reported it. */
export interface OfferCopy {
  amount: number;
  annualRate: number;
  termMonths: number;
  conditions: string | null;
}

/** A guarantee request (担保需求, 政银担) for one accepted match. */
export interface GuaranteeRequestRecord {
  /** Derived from the match id: the unique _id makes "one request per match" hold under re-delivery. */
  _id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  productId: string;
  amount: number;
  offer: OfferCopy | null;
  /** The match's createdAt and score, so a reader who may not load the match still gets a whole Match. */
  matchCreatedAt: string;
  matchScore: number;
  matchStatus: string;
  /** The demand copy as it stood when the request opened (null if none had arrived); readers get the latest copy (see toDto). */
  demand: DemandSnapshot | null;
  /** The demand aggregate version of `demand` (0 when none). */
  demandVersion: number;
  /** The match aggregate version last applied here (close events only act when newer). */
  matchVersion: number;
  status: RequestStatus;
  quotes: QuoteRecord[];
  /** Guarantee institutions that quoted: they keep seeing the request after it leaves OPEN. */
  guarantorIds: string[];
  selectedQuoteId: string | null;
  closedReason: string | null;
  createdAt: Date;
  expiresAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** Our copy of a demand (融资需求), kept from the enterprise service's events. */
export type DemandCopy = DemandSnapshot & { _id: string; version: number };

/** One change of the policy, kept on the policy document (who, when, old → new). */
export interface PolicyHistoryEntry {
  changedBy: string;
  at: Date;
  from: PolicySnapshot;
  to: PolicySnapshot;
}

/** The district policy (区金融发展事务中心): one document, _id "policy". */
export type PolicyRecord = PolicySnapshot & {
  _id: string;
  history: PolicyHistoryEntry[];
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
};

/** The working calendar (工作日历): one document, every maintained year, who changed which year when. */
export interface WorkingCalendarRecord {
  _id: string;
  years: CalendarYear[];
  history: { changedBy: string; at: Date; year: number; before: CalendarYear | null; after: CalendarYear }[];
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

export function guaranteeModels(db: Connection) {
  const Mixed = mongoose.Schema.Types.Mixed;
  const requestSchema = new mongoose.Schema<GuaranteeRequestRecord>(
    {
      _id: String,
      matchId: { type: String, required: true },
      demandId: { type: String, required: true },
      enterpriseId: { type: String, required: true },
      bankId: { type: String, required: true },
      productId: { type: String, required: true },
      amount: { type: Number, required: true },
      offer: { type: Mixed, default: null },
      matchCreatedAt: String,
      matchScore: Number,
      matchStatus: String,
      demand: { type: Mixed, default: null },
      demandVersion: { type: Number, default: 0 },
      matchVersion: { type: Number, required: true },
      status: { type: String, required: true },
      quotes: [Mixed],
      guarantorIds: { type: [String], default: [] },
      selectedQuoteId: { type: String, default: null },
      closedReason: { type: String, default: null },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox: outboxField,
    },
    { versionKey: false, collection: REQUESTS_COLLECTION, minimize: false },
  );
  requestSchema.index({ createdAt: -1, _id: -1 });
  requestSchema.index({ enterpriseId: 1, createdAt: -1 });
  requestSchema.index({ status: 1, expiresAt: 1 });
  requestSchema.index({ 'quotes.quoteId': 1 });
  requestSchema.index({ guarantorIds: 1 });
  requestSchema.index({ demandId: 1 });
  const demandSchema = new mongoose.Schema({ _id: String }, { strict: false, versionKey: false, collection: 'demands' });

  const policySchema = new mongoose.Schema<PolicyRecord>(
    {
      _id: String,
      guaranteeFeeRateCap: Number,
      guaranteeFeeRateTarget: Number,
      riskShareGuarantor: Number,
      riskShareBank: Number,
      riskShareGovernment: Number,
      bankResponseSlaHours: Number,
      bankResponseSlaBasis: String,
      bankResponseSlaWorkingDays: Number,
      bridgeRequestWindowDays: Number,
      bridgeMaxWorkingDays: Number,
      history: [Mixed],
      updatedAt: Date,
      version: { type: Number, required: true },
      outbox: outboxField,
    },
    { versionKey: false, collection: POLICY_COLLECTION, minimize: false },
  );
  const calendarSchema = new mongoose.Schema<WorkingCalendarRecord>(
    { _id: String, years: [Mixed], history: [Mixed], updatedAt: Date, version: { type: Number, required: true }, outbox: outboxField },
    { versionKey: false, collection: CALENDAR_COLLECTION, minimize: false },
  );
  return {
    WorkingCalendar: db.model<WorkingCalendarRecord>('WorkingCalendar', calendarSchema),
    Request: db.model<GuaranteeRequestRecord>('GuaranteeRequest', requestSchema),
    Policy: db.model<PolicyRecord>('Policy', policySchema),
    Demand: db.model<DemandCopy>('Demand', demandSchema),
  };
}
export type GuaranteeModels = ReturnType<typeof guaranteeModels>;
