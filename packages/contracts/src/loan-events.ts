import { z } from 'zod';
import { CREDIT_TOPICS } from './credit-events';
import { pickFields } from './pick-fields';
import { defineEvent } from './registry';

export const REPAYMENT_METHOD = z.enum([/** 等额本息 */ 'EQUAL_INSTALLMENT', /** 先息后本 */ 'INTEREST_ONLY_BULLET']);
export type RepaymentMethod = z.infer<typeof REPAYMENT_METHOD>;
export const LOAN_STATUS = z.enum(['ACTIVE', 'CLOSED', 'OVERDUE']);
export type LoanStatus = z.infer<typeof LOAN_STATUS>;
export const RELIEF_KIND = z.enum([
  /** 延期还本付息 */ 'DEFERRAL',
  /** 无还本续贷 */ 'RENEWAL_WITHOUT_REPAYMENT',
  /** 应急转贷 */ 'BRIDGE_FUND',
]);
export type ReliefKind = z.infer<typeof RELIEF_KIND>;
export const RELIEF_STATUS = z.enum(['PENDING', 'APPROVED', 'DECLINED']);
export type ReliefStatus = z.infer<typeof RELIEF_STATUS>;
export const RISK_LEVEL = z.enum(['LOW', 'MEDIUM', 'HIGH']);
export type RiskLevel = z.infer<typeof RISK_LEVEL>;

/**
 * What a loan funds and on what terms: the same fields on the loan's record, its events, its REST
 * answer and the monitor's fact, copied by `loanTermsOf`.
 */
export const loanTerms = z.object({
  /** The funded match: the matching service marks it FUNDED on loan.disbursed. */
  matchId: z.string(),
  demandId: z.string(),
  enterpriseId: z.string(),
  bankId: z.string(),
  amount: z.number().int(),
  annualRate: z.number(),
  termMonths: z.number().int(),
  repaymentMethod: REPAYMENT_METHOD,
});
export type LoanTerms = z.infer<typeof loanTerms>;

/** The terms of `loan` alone, in their order (a record or snapshot holds more). */
export const loanTermsOf = (loan: LoanTerms): LoanTerms => pickFields(loan, loanTerms.keyof().options);

/** A loan (贷款) as it stands after the change; money in whole yuan, rates in % a year. */
export const loanSnapshot = z
  .object({ loanId: z.string() })
  .merge(loanTerms)
  .extend({
    disbursedAt: z.string().datetime(),
    /** Due date of the last unpaid (or last) instalment. */
    maturityDate: z.string().datetime(),
    outstandingPrincipal: z.number().int(),
    status: LOAN_STATUS,
    /** 政银担 terms in force at disbursement; null without a guarantee. */
    guaranteeFeeRate: z.number().nullable(),
    coverageRatio: z.number().nullable(),
    riskShare: z.object({ guarantor: z.number(), bank: z.number(), government: z.number() }).nullable(),
  });
export type LoanSnapshot = z.infer<typeof loanSnapshot>;

export const reliefSnapshot = z.object({
  reliefId: z.string(),
  kind: RELIEF_KIND,
  status: RELIEF_STATUS,
  months: z.number().int().nullable(),
  amount: z.number().int().nullable(),
});
export type ReliefSnapshot = z.infer<typeof reliefSnapshot>;

const loanEvent = z.object({ loan: loanSnapshot });
// Loan aggregate (key = loanId), owned by the loan service.
export const loanDisbursed = defineEvent('loan.disbursed', CREDIT_TOPICS.loan, loanEvent);
export const loanRepaid = defineEvent(
  'loan.repaid',
  CREDIT_TOPICS.loan,
  loanEvent.extend({ amount: z.number().int(), paidAt: z.string().datetime() }),
);
export const loanFollowedUp = defineEvent(
  'loan.followed-up',
  CREDIT_TOPICS.loan,
  loanEvent.extend({ riskLevel: RISK_LEVEL, at: z.string().datetime() }),
);
export const loanReliefRequested = defineEvent('loan.relief-requested', CREDIT_TOPICS.loan, loanEvent.extend({ relief: reliefSnapshot }));
export const loanReliefDecided = defineEvent('loan.relief-decided', CREDIT_TOPICS.loan, loanEvent.extend({ relief: reliefSnapshot }));
export const loanMaturityApproaching = defineEvent(
  'loan.maturity-approaching',
  CREDIT_TOPICS.loan,
  loanEvent.extend({
    /** Calendar days from today to the maturity day, both in Beijing time. */
    daysLeft: z.number().int(),
    /** Working days until the day the maturing amount is payable (顺延 past holidays), by the working calendar. */
    workingDaysLeft: z.number().int().optional(),
    /** The Beijing day the maturing amount is payable: the maturity day, or the first working day after it. */
    payableOn: z.string().optional(),
  }),
);
export const loanOverdue = defineEvent('loan.overdue', CREDIT_TOPICS.loan, loanEvent.extend({ dueDate: z.string().datetime() }));
export const loanClosed = defineEvent('loan.closed', CREDIT_TOPICS.loan, loanEvent);
