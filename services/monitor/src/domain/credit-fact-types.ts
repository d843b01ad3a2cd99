import type { CalendarYear, SlaBasis } from '@yinqi/calendar';
import type { LoanTerms } from '@yinqi/contracts';
import type { FactBase } from './fact-base';

/** 贷款 */
export interface LoanFact extends FactBase, LoanTerms {
  disbursedAt: number;
  maturityDate: number;
  outstandingPrincipal: number;
  status: 'ACTIVE' | 'CLOSED' | 'OVERDUE';
  /** 政银担 terms in force at disbursement; null without a guarantee. */
  guaranteeFeeRate: number | null;
  coverageRatio: number | null;
  governmentShare: number | null;
}

/** A relief request on a loan (延期还本付息 / 无还本续贷 / 应急转贷); `v` is the loan's version. */
export interface ReliefFact extends FactBase {
  loanId: string;
  kind: 'DEFERRAL' | 'RENEWAL_WITHOUT_REPAYMENT' | 'BRIDGE_FUND';
  status: 'PENDING' | 'APPROVED' | 'DECLINED';
  requestedAt: number;
}

/** 担保需求 (政银担): a guarantee request with the quote the enterprise selected, for the export. */
export interface GuaranteeFact extends FactBase {
  matchId: string;
  enterpriseId: string;
  bankId: string;
  amount: number;
  status: string;
  createdAt: number;
  quotes: number;
  /** The selected quote's guarantor and terms; null until one is selected. */
  guarantorId: string | null;
  feeRate: number | null;
  coverageRatio: number | null;
}

/** The district policy (one aggregate, `_id` = "policy"). */
export interface PolicyFact extends FactBase {
  guaranteeFeeRateTarget: number;
  bankResponseSlaHours: number;
  /** How the SLA is counted; facts stored before it existed read as CLOCK_HOURS / 3. */
  bankResponseSlaBasis?: SlaBasis;
  bankResponseSlaWorkingDays?: number;
}

/** The working calendar (工作日历, one aggregate, `_id` = "working-calendar"): every maintained year. */
export interface CalendarFact extends FactBase {
  years: CalendarYear[];
}
