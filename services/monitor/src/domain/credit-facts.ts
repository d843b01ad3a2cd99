import {
  guaranteeQuoted,
  guaranteeQuoteSelected,
  guaranteeRequestClosed,
  guaranteeRequestOpened,
  loanClosed,
  loanDisbursed,
  loanFollowedUp,
  loanMaturityApproaching,
  loanOverdue,
  loanReliefDecided,
  loanReliefRequested,
  loanRepaid,
  loanTermsOf,
  policyChanged,
  WORKING_CALENDAR_KEY,
  workingCalendarChanged,
  type GuaranteeRequestSnapshot,
  type LoanSnapshot,
  type ReliefSnapshot,
} from '@yinqi/contracts';
import { decideOn, isNewer, ms, type Decide, type HeldFacts } from './decider';
import type { FactChange, GuaranteeFact, LoanFact } from './facts';

/** The loan as the event reports it; nothing when the held copy is as new. */
function loanFacts(l: LoanSnapshot, v: number, held: HeldFacts): FactChange[] {
  if (!isNewer(held, 'loan', l.loanId, v)) return [];
  const fact: LoanFact = {
    _id: l.loanId,
    v,
    ...loanTermsOf(l),
    disbursedAt: ms(l.disbursedAt),
    maturityDate: ms(l.maturityDate),
    outstandingPrincipal: l.outstandingPrincipal,
    status: l.status,
    guaranteeFeeRate: l.guaranteeFeeRate,
    coverageRatio: l.coverageRatio,
    governmentShare: l.riskShare?.government ?? null,
  };
  return [{ kind: 'loan', fact }];
}

/** A relief request (延期, 无还本续贷, 应急转贷) keeps the time it was first requested. */
function reliefFacts(relief: ReliefSnapshot | undefined, loanId: string, v: number, at: number, held: HeldFacts): FactChange[] {
  if (!relief || !isNewer(held, 'relief', relief.reliefId, v)) return [];
  const requestedAt = held.get('relief', relief.reliefId)?.requestedAt ?? at;
  return [{ kind: 'relief', fact: { _id: relief.reliefId, v, loanId, kind: relief.kind, status: relief.status, requestedAt } }];
}

/** A guarantee request (担保需求) with the selected quote's terms, for the export. */
function guaranteeFacts(r: GuaranteeRequestSnapshot, v: number, held: HeldFacts): FactChange[] {
  if (!isNewer(held, 'guarantee', r.requestId, v)) return [];
  const selected = r.quotes.find((q) => q.quoteId === r.selectedQuoteId);
  const fact: GuaranteeFact = {
    _id: r.requestId,
    v,
    matchId: r.matchId,
    enterpriseId: r.enterpriseId,
    bankId: r.bankId,
    amount: r.amount,
    status: r.status,
    createdAt: ms(r.createdAt),
    quotes: r.quotes.length,
    guarantorId: selected?.guarantorId ?? null,
    feeRate: selected?.feeRate ?? null,
    coverageRatio: selected?.coverageRatio ?? null,
  };
  return [{ kind: 'guarantee', fact }];
}

const LOAN_EVENTS = [loanDisbursed, loanRepaid, loanFollowedUp, loanMaturityApproaching, loanOverdue, loanClosed];

/** Loans, relief requests, guarantee requests, the policy and the working calendar. */
export const CREDIT_DECIDERS: Record<string, Decide> = {
  ...decideOn([guaranteeRequestOpened, guaranteeQuoted, guaranteeQuoteSelected, guaranteeRequestClosed], ({ request }, { version }, held) =>
    guaranteeFacts(request, version, held),
  ),
  ...decideOn(LOAN_EVENTS, ({ loan }, { version }, held) => loanFacts(loan, version, held)),
  ...decideOn([loanReliefRequested, loanReliefDecided], ({ loan, relief }, { version, occurredAt }, held) => [
    ...loanFacts(loan, version, held),
    ...reliefFacts(relief, loan.loanId, version, ms(occurredAt), held),
  ]),
  ...decideOn(policyChanged, ({ policy: p }, { version: v }, held): FactChange[] => {
    if (!isNewer(held, 'policy', 'policy', v)) return [];
    // The schema defaults the SLA basis; events stored before it existed may lack both fields.
    const fact = {
      _id: 'policy',
      v,
      guaranteeFeeRateTarget: p.guaranteeFeeRateTarget,
      bankResponseSlaHours: p.bankResponseSlaHours,
      bankResponseSlaBasis: p.bankResponseSlaBasis ?? 'CLOCK_HOURS',
      bankResponseSlaWorkingDays: p.bankResponseSlaWorkingDays ?? 3,
    };
    return [{ kind: 'policy', fact }];
  }),
  ...decideOn(workingCalendarChanged, ({ calendar }, { version: v }, held): FactChange[] => {
    if (!isNewer(held, 'calendar', WORKING_CALENDAR_KEY, v)) return [];
    return [{ kind: 'calendar', fact: { _id: WORKING_CALENDAR_KEY, v, years: calendar.years } }];
  }),
};
