import type { LoanStatus, LoanTerms, ReliefKind, ReliefStatus, RiskLevel } from '../loan-events';

/** A relief request (延期还本付息, 无还本续贷, 应急转贷) as the loan service answers it over REST. */
export interface ReliefDto {
  id: string;
  loanId: string;
  kind: ReliefKind;
  status: ReliefStatus;
  reason: string;
  months: number | null;
  amount: number | null;
  note: string | null;
}

/**
 * A loan (贷后) as the loan service answers it over REST; dates are ISO strings, money whole yuan.
 * The gateway resolves `match`, `enterprise` and `bank` from the ids.
 */
export interface LoanDto extends LoanTerms {
  id: string;
  disbursedAt: string;
  maturityDate: string;
  outstandingPrincipal: number;
  status: LoanStatus;
  schedule: { dueDate: string; principal: number; interest: number; paid: boolean; paidPrincipal: number; paidInterest: number }[];
  reliefs: ReliefDto[];
  followUps: { note: string; riskLevel: RiskLevel; at: string }[];
  guaranteeFeeRate: number | null;
  coverageRatio: number | null;
  riskShare: { guarantor: number; bank: number; government: number } | null;
  /** The last approved 应急转贷, null without one. */
  bridge: { amount: number; from: string; until: string } | null;
  createdAt: string;
}
