import {
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
  type LoanSnapshot,
  type ReliefSnapshot,
} from '@yinqi/contracts';
import { decideOn, isNewer, ms, type Decide, type HeldFacts } from './decider';
import type { FactChange, LoanFact } from './facts';

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

const LOAN_EVENTS = [loanDisbursed, loanRepaid, loanFollowedUp, loanMaturityApproaching, loanOverdue, loanClosed];

/** Loans, relief requests, the policy and the working calendar. */
export const CREDIT_DECIDERS: Record<string, Decide> = {
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
