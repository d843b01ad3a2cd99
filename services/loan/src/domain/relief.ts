import type { RepaymentMethod } from '@yinqi/contracts';
import { roundYuan } from './money';
import { addMonths, buildSchedule, maturityOf, monthlyRate, sortByDue, type Instalment } from './schedule';

const DAY_MS = 86_400_000;

/**
 * 延期还本付息 DEFERRAL: the next `months` unpaid instalments fall due `months` months later; the
 * instalments after them keep their dates (the deferred ones are caught up alongside them).
 * Interest keeps accruing: the principal of the deferred instalments stays outstanding `months`
 * months longer, so round(deferred principal × r × months) is added to the first shifted instalment.
 * Deferred interest itself bears no interest (no compounding).
 */
export function applyDeferral(schedule: Instalment[], months: number, annualRate: number): { schedule: Instalment[]; addedInterest: number } {
  const next = schedule.map((i) => ({ ...i }));
  const shifted = next.filter((i) => !i.paid).slice(0, months);
  if (shifted.length === 0) return { schedule: next, addedInterest: 0 };
  const deferredPrincipal = shifted.reduce((s, i) => s + i.principal - i.paidPrincipal, 0);
  const addedInterest = roundYuan(deferredPrincipal * monthlyRate(annualRate) * months);
  for (const i of shifted) i.dueDate = addMonths(i.dueDate, months);
  shifted[0]!.interest += addedInterest;
  return { schedule: sortByDue(next), addedInterest };
}

/**
 * 无还本续贷 RENEWAL_WITHOUT_REPAYMENT: the outstanding principal rolls into a new term of the same
 * length (and method) starting at the current maturity, replacing the unpaid instalments. Nothing
 * owed disappears: a partly paid instalment is closed at what was paid, and the interest the
 * replaced instalments still carried is added to the first new instalment.
 */
export function applyRenewal(schedule: Instalment[], termMonths: number, annualRate: number, method: RepaymentMethod): Instalment[] {
  const kept: Instalment[] = [];
  let principal = 0;
  let carriedInterest = 0;
  for (const i of schedule) {
    if (i.paid) {
      kept.push({ ...i });
      continue;
    }
    principal += i.principal - i.paidPrincipal;
    carriedInterest += i.interest - i.paidInterest;
    if (i.paidPrincipal > 0 || i.paidInterest > 0) kept.push({ ...i, principal: i.paidPrincipal, interest: i.paidInterest, paid: true });
  }
  if (principal === 0) return kept;
  const renewed = buildSchedule(principal, annualRate, termMonths, method, maturityOf(schedule));
  renewed[0]!.interest += carriedInterest;
  return [...kept, ...renewed];
}

/** Principal falling due at maturity (到期本金): the unpaid principal of the instalments due on the last due date. */
export function principalFallingDue(schedule: Instalment[]): number {
  const maturity = maturityOf(schedule).getTime();
  return schedule.filter((i) => i.dueDate.getTime() === maturity).reduce((s, i) => s + i.principal - i.paidPrincipal, 0);
}

/** Whether `now` lies in the 应急转贷 request window: no earlier than `windowDays` before maturity, not after it. */
export function inBridgeWindow(maturity: Date, now: Date, windowDays: number): boolean {
  return now.getTime() <= maturity.getTime() && now.getTime() >= maturity.getTime() - windowDays * DAY_MS;
}

/**
 * Whether `now` is "at or near maturity" for 无还本续贷: no earlier than `windowDays` before it.
 * There is no upper bound: a loan past its maturity (usually OVERDUE) may still be renewed.
 */
export function inRenewalWindow(maturity: Date, now: Date, windowDays: number): boolean {
  return now.getTime() >= maturity.getTime() - windowDays * DAY_MS;
}

/** `days` working days (Mon–Fri, UTC) after `from`; public holidays are not modelled. */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return d;
}
