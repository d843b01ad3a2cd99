import type { EventEnvelope, LoanStatus, MatchSnapshot, RepaymentMethod, ReliefKind, ReliefStatus, RiskLevel } from '@yinqi/contracts';
import { mongoose, outboxField, type Connection } from '@yinqi/db';
import type { Instalment } from '../domain/schedule';

/** The loans collection; also the prefix of their document-lock keys. */
export const LOANS_COLLECTION = 'loans';

export interface ReliefRecord {
  reliefId: string;
  kind: ReliefKind;
  status: ReliefStatus;
  reason: string;
  months: number | null;
  amount: number | null;
  requestedAt: Date;
  requestedBy: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

export interface FollowUpRecord {
  note: string;
  riskLevel: RiskLevel;
  at: Date;
  by: string;
}

export interface RepaymentRecord {
  amount: number;
  principal: number;
  interest: number;
  paidAt: Date;
  recordedAt: Date;
  by: string;
}

/** 应急转贷 granted by the finance centre: the bridge fund's money, for a few working days. */
export interface BridgeRecord {
  reliefId: string;
  amount: number;
  from: Date;
  until: Date;
}

export interface LoanRecord {
  /** Derived from the match id: the unique _id makes "one loan per match" hold under any race. */
  _id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  amount: number;
  annualRate: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  disbursedAt: Date;
  outstandingPrincipal: number;
  status: LoanStatus;
  schedule: Instalment[];
  /** Earliest unpaid due date (null once repaid): the overdue sweep's index. */
  nextDueDate: Date | null;
  maturityDate: Date;
  reliefs: ReliefRecord[];
  followUps: FollowUpRecord[];
  repayments: RepaymentRecord[];
  guaranteeFeeRate: number | null;
  coverageRatio: number | null;
  riskShare: { guarantor: number; bank: number; government: number } | null;
  bridge: BridgeRecord | null;
  /** loan.maturity-approaching was raised for the current maturity; a deferral or renewal that moves maturity re-arms it. */
  maturityNoticed: boolean;
  disbursedBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** Copies kept from other services' events (never read from their databases). */
export type MatchCopy = MatchSnapshot & { _id: string; version: number };
export interface GuaranteeCopy {
  _id: string;
  version: number;
  matchId: string;
  status: string;
  selectedQuoteId: string | null;
  quotes: { quoteId: string; guarantorId: string; feeRate: number; coverageRatio: number }[];
}
export interface PolicyCopy {
  _id: string;
  version: number;
  riskShareGuarantor: number;
  riskShareBank: number;
  riskShareGovernment: number;
  bridgeRequestWindowDays: number;
  bridgeMaxWorkingDays: number;
}

/** Our copy of the working calendar (calendar.changed), beside the policy copy under its own key. */
export interface CalendarCopy {
  _id: string;
  version: number;
  years: { year: number; holidays: { date: string; name: string }[]; makeUpWorkdays: { date: string; name: string }[] }[];
}

const loose = (collection: string) => new mongoose.Schema({ _id: String }, { strict: false, versionKey: false, collection });

export function loanModels(db: Connection) {
  const loanSchema = new mongoose.Schema<LoanRecord>(
    {
      _id: String,
      matchId: { type: String, required: true },
      demandId: String,
      enterpriseId: { type: String, required: true, index: true },
      bankId: { type: String, required: true, index: true },
      amount: Number,
      annualRate: Number,
      termMonths: Number,
      repaymentMethod: String,
      disbursedAt: Date,
      outstandingPrincipal: Number,
      status: { type: String, required: true },
      schedule: [mongoose.Schema.Types.Mixed],
      nextDueDate: { type: Date, default: null },
      maturityDate: Date,
      reliefs: [mongoose.Schema.Types.Mixed],
      followUps: [mongoose.Schema.Types.Mixed],
      repayments: [mongoose.Schema.Types.Mixed],
      guaranteeFeeRate: { type: Number, default: null },
      coverageRatio: { type: Number, default: null },
      riskShare: { type: mongoose.Schema.Types.Mixed, default: null },
      bridge: { type: mongoose.Schema.Types.Mixed, default: null },
      maturityNoticed: { type: Boolean, default: false },
      disbursedBy: String,
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox: outboxField,
    },
    { versionKey: false, collection: LOANS_COLLECTION },
  );
  loanSchema.index({ status: 1, nextDueDate: 1 });
  loanSchema.index({ createdAt: -1 });
  // The loans list (findPage: newest first, then _id) for each scope the console reads it in: the
  // finance centre (all, or by status), a bank, an enterprise.
  loanSchema.index({ createdAt: -1, _id: -1 });
  loanSchema.index({ bankId: 1, createdAt: -1, _id: -1 });
  loanSchema.index({ enterpriseId: 1, createdAt: -1, _id: -1 });
  loanSchema.index({ status: 1, createdAt: -1, _id: -1 });
  loanSchema.index({ maturityNoticed: 1, maturityDate: 1 });
  // matchId is declared: with strictQuery (packages/db) a filter on an undeclared path is dropped,
  // and find({matchId}) would return every request copy — another match's selected quote included.
  const guaranteeSchema = new mongoose.Schema(
    { _id: String, matchId: String },
    { strict: false, versionKey: false, collection: 'guarantee_requests' },
  );
  guaranteeSchema.index({ matchId: 1 });
  return {
    Loan: db.model<LoanRecord>('Loan', loanSchema),
    Match: db.model<MatchCopy>('Match', loose('matches')),
    Guarantee: db.model<GuaranteeCopy>('GuaranteeRequest', guaranteeSchema),
    Policy: db.model<PolicyCopy>('Policy', loose('policy')),
    // The same collection as the policy copy: one more document, under its own key and version.
    Calendar: db.model<CalendarCopy>('WorkingCalendarCopy', loose('policy')),
  };
}
export type LoanModels = ReturnType<typeof loanModels>;
