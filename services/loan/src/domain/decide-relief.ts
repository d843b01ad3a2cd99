import type { Principal } from '@yinqi/auth';
import type { WorkingCalendar } from '@yinqi/calendar';
import { loanReliefDecided, type ReliefDto } from '@yinqi/contracts';
import { conflict, forbidden, notFound, type AppError } from '@yinqi/errors';
import type { LoanDeps } from './deps';
import { isLender } from './loan-access';
import { scheduleOf, scheduleState, type Loan, type LoanRecord, type ReliefRecord } from './loan-record';
import { reliefSnapshotOf, toReliefDto } from './loan-view';
import { currentCalendar, currentPolicy, DEFAULT_POLICY } from './policy';
import { applyDeferral, applyRenewal, inRenewalWindow, isPastDue, renewalTooEarly } from './relief';
import { transition } from './transition';

/** The loan a relief id belongs to, once the caller is the one who decides that kind of relief. */
async function decidableRelief(deps: LoanDeps, p: Principal, reliefId: string): Promise<{ loanId: string; kind: ReliefRecord['kind'] }> {
  const loanId = reliefId.split('-')[0] ?? '';
  const current = await deps.repo.findLoan(loanId);
  const found = current?.reliefs.find((r) => r.reliefId === reliefId);
  if (!current || !found) throw notFound('Relief');
  const mayDecide = found.kind === 'BRIDGE_FUND' ? p.role === 'FINANCE_CENTER' : isLender(p, current);
  if (!mayDecide)
    throw forbidden(
      found.kind === 'BRIDGE_FUND' ? 'Only the finance centre decides 应急转贷' : 'Only an officer of the lending bank decides this relief',
    );
  return { loanId, kind: found.kind };
}

/** An approved 延期 or 续贷 reschedules the loan (relief.ts says how); what else moves with the schedule. */
function rescheduled(deps: LoanDeps, cur: Loan, r: ReliefRecord, at: Date, calendar: WorkingCalendar): Partial<LoanRecord> | AppError {
  if (cur.status === 'CLOSED') return conflict('The loan is closed');
  // A deferral approved since the request may have moved maturity out of the window again.
  if (r.kind === 'RENEWAL_WITHOUT_REPAYMENT' && !inRenewalWindow(new Date(cur.maturityDate), at, deps.renewalWindowDays))
    return renewalTooEarly(cur.maturityDate, deps.renewalWindowDays);
  const schedule = scheduleOf(cur);
  const changed =
    r.kind === 'DEFERRAL'
      ? applyDeferral(schedule, r.months!, cur.annualRate).schedule
      : applyRenewal(schedule, cur.termMonths, cur.annualRate, cur.repaymentMethod);
  const set: Partial<LoanRecord> = scheduleState(changed);
  if (set.maturityDate!.getTime() !== new Date(cur.maturityDate).getTime()) set.maturityNoticed = false;
  if (cur.status === 'OVERDUE' && set.nextDueDate && !isPastDue(set.nextDueDate, at, calendar)) set.status = 'ACTIVE';
  return set;
}

/**
 * The lending bank decides DEFERRAL and RENEWAL_WITHOUT_REPAYMENT, the finance centre BRIDGE_FUND;
 * only a PENDING request. What approval does to the loan is in relief.ts.
 */
export async function decideRelief(
  deps: LoanDeps,
  p: Principal,
  reliefId: string,
  approve: boolean,
  note: string | null,
): Promise<ReliefDto> {
  const { loanId, kind } = await decidableRelief(deps, p, reliefId);
  const policy = kind === 'BRIDGE_FUND' ? await currentPolicy(deps.repo) : DEFAULT_POLICY;
  const calendar = await currentCalendar(deps.repo);
  let decided: ReliefRecord | undefined;
  await transition(deps, loanId, (cur) => {
    const r = cur.reliefs.find((x) => x.reliefId === reliefId)!;
    if (r.status !== 'PENDING') return conflict(`The relief is already ${r.status}`);
    const at = deps.now();
    decided = { ...r, status: approve ? 'APPROVED' : 'DECLINED', decidedAt: at, decidedBy: p.userId, note };
    let set: Partial<LoanRecord> = { reliefs: cur.reliefs.map((x) => (x.reliefId === reliefId ? decided! : x)) };
    if (approve && r.kind !== 'BRIDGE_FUND') {
      const moved = rescheduled(deps, cur, r, at, calendar);
      if (moved instanceof Error) return moved;
      set = { ...set, ...moved };
    }
    if (approve && r.kind === 'BRIDGE_FUND')
      set.bridge = { reliefId, amount: r.amount!, from: at, until: calendar.addWorkingDays(at, policy.bridgeMaxWorkingDays) };
    return { set, events: [{ def: loanReliefDecided, extra: { relief: reliefSnapshotOf(decided) } }] };
  });
  return toReliefDto(loanId, decided!);
}
