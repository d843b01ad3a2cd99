import { loanTermsOf, type LoanDto, type LoanSnapshot, type ReliefDto, type ReliefSnapshot } from '@yinqi/contracts';
import { scheduleOf, type Loan, type ReliefRecord } from './loan-record';

export const iso = (d: Date | string) => new Date(d).toISOString();

/** The loan as its events carry it. */
export const snapshotOf = (l: Loan): LoanSnapshot => ({
  loanId: l._id,
  ...loanTermsOf(l),
  disbursedAt: iso(l.disbursedAt),
  maturityDate: iso(l.maturityDate),
  outstandingPrincipal: l.outstandingPrincipal,
  status: l.status,
  guaranteeFeeRate: l.guaranteeFeeRate,
  coverageRatio: l.coverageRatio,
  riskShare: l.riskShare,
});

export const reliefSnapshotOf = (r: ReliefRecord): ReliefSnapshot => ({
  reliefId: r.reliefId,
  kind: r.kind,
  status: r.status,
  months: r.months,
  amount: r.amount,
});

export const toReliefDto = (loanId: string, r: ReliefRecord): ReliefDto => ({
  id: r.reliefId,
  loanId,
  kind: r.kind,
  status: r.status,
  reason: r.reason,
  months: r.months,
  amount: r.amount,
  note: r.note,
});

/** The API view: the event snapshot (one list of fields for both) plus what only readers need. */
export const toLoanDto = (l: Loan): LoanDto => {
  const { loanId, ...fields } = snapshotOf(l);
  return {
    id: loanId,
    ...fields,
    schedule: scheduleOf(l).map((i) => ({
      dueDate: iso(i.dueDate),
      principal: i.principal,
      interest: i.interest,
      paid: i.paid,
      paidPrincipal: i.paidPrincipal,
      paidInterest: i.paidInterest,
    })),
    reliefs: l.reliefs.map((r) => toReliefDto(l._id, r)),
    followUps: l.followUps.map((f) => ({ note: f.note, riskLevel: f.riskLevel, at: iso(f.at) })),
    bridge: l.bridge ? { amount: l.bridge.amount, from: iso(l.bridge.from), until: iso(l.bridge.until) } : null,
    createdAt: iso(l.createdAt),
  };
};
