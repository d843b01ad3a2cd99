import type { Principal } from '@yinqi/auth';
import { loanClosed, loanRepaid, type LoanDto, type LoanStatus } from '@yinqi/contracts';
import { badInput, conflict } from '@yinqi/errors';
import type { LoanDeps } from './deps';
import { isLender, loanFor } from './loan-access';
import { scheduleOf, scheduleState } from './loan-record';
import { toLoanDto } from './loan-view';
import { currentCalendar } from './policy';
import { isPastDue } from './relief';
import { allocateRepayment } from './repayment';
import { owedOf } from './schedule';
import { transition } from './transition';

/** 还款: see allocateRepayment for the order; overpaying is refused, CLOSED once no principal is left. */
export async function recordRepayment(deps: LoanDeps, p: Principal, loanId: string, amount: number, paidAt: Date): Promise<LoanDto> {
  const { now } = deps;
  await loanFor(deps.repo, loanId, (l) => isLender(p, l), 'Only an officer of the lending bank records repayments');
  const cal = await currentCalendar(deps.repo);
  const l = await transition(deps, loanId, (cur) => {
    if (cur.status === 'CLOSED') return conflict('The loan is closed');
    const schedule = scheduleOf(cur);
    const owed = owedOf(schedule);
    const a = allocateRepayment(schedule, amount);
    if (!a) return badInput(`amount: more than is owed (${owed} yuan in interest and principal)`, { field: 'amount', owed });
    const state = scheduleState(a.schedule);
    const closed = state.outstandingPrincipal === 0 && a.schedule.every((i) => i.paid);
    const stillLate = state.nextDueDate !== null && isPastDue(state.nextDueDate, now(), cal);
    const status: LoanStatus = closed ? 'CLOSED' : cur.status === 'OVERDUE' && !stillLate ? 'ACTIVE' : cur.status;
    const repayment = { amount, principal: a.principalPaid, interest: a.interestPaid, paidAt, recordedAt: now(), by: p.userId };
    return {
      set: { ...state, status, repayments: [...cur.repayments, repayment] },
      events: [{ def: loanRepaid, extra: { amount, paidAt: paidAt.toISOString() } }, ...(closed ? [{ def: loanClosed }] : [])],
    };
  });
  return toLoanDto(l);
}
