import { createHash } from 'node:crypto';
import type { EventEnvelope, LoanStatus, LoanTerms, ReliefKind, ReliefStatus, RiskLevel } from '@yinqi/contracts';
import { maturityOf, nextDueOf, outstandingOf, type Instalment } from './schedule';

/** The loans collection; also the prefix of their document-lock keys (the outbox relay takes the same lock). */
export const LOANS_COLLECTION = 'loans';

/** The loan id of a match: deterministic, so a match can only ever fund one loan. */
export const loanIdOf = (matchId: string) => createHash('sha256').update(`loan\u0000${matchId}`).digest('hex').slice(0, 32);

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

/** A loan as it is stored: the aggregate, with the events of its last writes in `outbox`. */
export interface LoanRecord extends LoanTerms {
  /** Derived from the match id: the unique _id makes "one loan per match" hold under any race. */
  _id: string;
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

/** A loan as the repository reads it: everything but the outbox. */
export type Loan = Omit<LoanRecord, 'outbox'>;

/** Dates come back from the store as Date objects; instalments are plain sub-documents. */
export const scheduleOf = (l: Pick<Loan, 'schedule'>): Instalment[] => l.schedule.map((i) => ({ ...i, dueDate: new Date(i.dueDate) }));

/** The derived fields every schedule change must keep in step. */
export const scheduleState = (schedule: Instalment[]) => ({
  schedule,
  outstandingPrincipal: outstandingOf(schedule),
  nextDueDate: nextDueOf(schedule),
  maturityDate: maturityOf(schedule),
});
