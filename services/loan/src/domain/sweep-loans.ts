import { businessDateOf, calendarDaysBetween, type WorkingCalendar } from '@yinqi/calendar';
import { loanMaturityApproaching, loanOverdue } from '@yinqi/contracts';
import type { LoanDeps } from './deps';
import type { Loan } from './loan-record';
import { iso } from './loan-view';
import { currentCalendar } from './policy';
import { isPastDue, payableDayOf } from './relief';
import { transition, type Change } from './transition';

const DAY_MS = 86_400_000;

/** 逾期: due on a day off, it is payable on the next working day (顺延); late only once that day is over. */
const overdue =
  (at: Date, calendar: WorkingCalendar) =>
  (cur: Loan): Change => {
    if (cur.status !== 'ACTIVE' || !cur.nextDueDate || !isPastDue(new Date(cur.nextDueDate), at, calendar)) return null;
    return { set: { status: 'OVERDUE' }, events: [{ def: loanOverdue, extra: { dueDate: iso(cur.nextDueDate) } }] };
  };

/** 到期提醒: raised once per maturity, with the days left and the day the maturing amount is payable. */
const maturityNotice =
  (at: Date, calendar: WorkingCalendar) =>
  (cur: Loan): Change => {
    if (cur.maturityNoticed || cur.status === 'CLOSED') return null;
    const today = businessDateOf(at);
    const maturity = new Date(cur.maturityDate);
    const payableOn = payableDayOf(maturity, calendar);
    const daysLeft = Math.max(0, calendarDaysBetween(today, businessDateOf(maturity)));
    const workingDaysLeft = calendar.workingDaysBetween(today, payableOn);
    return {
      set: { maturityNoticed: true },
      events: [{ def: loanMaturityApproaching, extra: { daysLeft, workingDaysLeft, payableOn } }],
    };
  };

/**
 * Applies `decide` to each loan in its own transition; a loan that fails is logged and skipped.
 * Counts only writes this sweep made: the last decision before transition returns is the one that counted.
 */
async function sweepEach(deps: LoanDeps, loans: Loan[], decide: (l: Loan) => Change, skipped: string): Promise<number> {
  let changed = 0;
  for (const l of loans) {
    let wrote = false;
    const counted = (cur: Loan) => {
      const d = decide(cur);
      wrote = d !== null;
      return d;
    };
    await transition(deps, l._id, counted)
      .then(() => void (wrote && (changed += 1)))
      .catch((err: Error) => deps.logger.warn({ loanId: l._id, err: err.message }, skipped));
  }
  return changed;
}

/**
 * The maturity sweep (到期提醒 and 逾期): each alert is a version-conditioned write with its
 * event, so replicas sweeping at once raise it once. Returns how many loans changed.
 */
export async function sweepLoans(deps: LoanDeps, batch = 200): Promise<number> {
  const at = deps.now();
  const calendar = await currentCalendar(deps.repo);
  const overdueChanged = await sweepEach(
    deps,
    await deps.repo.newlyOverdue(at, batch),
    overdue(at, calendar),
    'overdue sweep skipped a loan',
  );
  const horizon = new Date(at.getTime() + deps.maturityNoticeDays * DAY_MS);
  const noticed = await sweepEach(
    deps,
    await deps.repo.maturingBefore(horizon, batch),
    maturityNotice(at, calendar),
    'maturity sweep skipped a loan',
  );
  return overdueChanged + noticed;
}
