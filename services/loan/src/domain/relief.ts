import { addCalendarDays, businessDateOf, endOfBusinessDate, startOfBusinessDate, type WorkingCalendar } from '@yinqi/calendar';
import type { RepaymentMethod } from '@yinqi/contracts';
import { roundYuan } from '@yinqi/engine';
import { policyViolation } from '@yinqi/errors';
import { addMonths, buildSchedule, maturityOf, monthlyRate, sortByDue, type Instalment } from './schedule';

/**
 * 延期还本付息 DEFERRAL: the next `months` unpaid instalments fall due `months` months later; the
 * instalments after them keep their dates (the deferred ones are caught up alongside them).
 * Interest keeps accruing: the principal of the deferred instalments stays outstanding `months`
 * months longer, so round(deferred principal × r × months) is added to the first shifted instalment.
 * Deferred interest itself bears no interest (no compounding).
 */
export function applyDeferral(
  schedule: Instalment[],
  months: number,
  annualRate: number,
): { schedule: Instalment[]; addedInterest: number } {
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

/** A window "`windowDays` days before" a date opens at 00:00 Beijing of that calendar day. */
const windowOpens = (maturity: Date, windowDays: number) => startOfBusinessDate(addCalendarDays(businessDateOf(maturity), -windowDays));

/**
 * The Beijing day an amount due on `dueDate` is payable: that day, or the first working day after
 * it when it falls on a weekend or holiday (到期日遇节假日顺延), e.g. due on 3 Oct 2026 → 8 Oct.
 */
export const payableDayOf = (dueDate: Date, calendar: WorkingCalendar) => calendar.workingDayOnOrAfter(businessDateOf(dueDate));

/** Past due once the whole payable day is over in Beijing: the borrower has until 24:00 of it. */
export const isPastDue = (dueDate: Date, now: Date, calendar: WorkingCalendar) =>
  now.getTime() >= endOfBusinessDate(payableDayOf(dueDate, calendar)).getTime();

/**
 * Whether `now` lies in the 应急转贷 request window: from 00:00 Beijing `windowDays` calendar days
 * before the maturity day, until the maturing principal is past due (the end of its payable day,
 * so a maturity in 国庆 can still be bridged on the first working day after).
 */
export function inBridgeWindow(maturity: Date, now: Date, windowDays: number, calendar: WorkingCalendar): boolean {
  return now.getTime() >= windowOpens(maturity, windowDays).getTime() && !isPastDue(maturity, now, calendar);
}

/**
 * Whether `now` is "at or near maturity" for 无还本续贷: from 00:00 Beijing `windowDays` calendar
 * days before the maturity day. There is no upper bound: a loan past its maturity (usually
 * OVERDUE) may still be renewed.
 */
export function inRenewalWindow(maturity: Date, now: Date, windowDays: number): boolean {
  return now.getTime() >= windowOpens(maturity, windowDays).getTime();
}

/** 无还本续贷 is for a loan at or near maturity: earlier it is a policy violation, like 应急转贷 outside its window. */
export const renewalTooEarly = (maturityDate: Date | string, windowDays: number) => {
  const maturity = new Date(maturityDate).toISOString();
  return policyViolation(`无还本续贷 can be requested only within ${windowDays} days before maturity (${maturity.slice(0, 10)})`, {
    windowDays,
    maturityDate: maturity,
  });
};

/** 应急转贷 asked for outside inBridgeWindow: the window and the payable day the borrower can act on. */
export const bridgeOutOfWindow = (maturity: Date, windowDays: number, calendar: WorkingCalendar) =>
  policyViolation(
    `应急转贷 can be requested only within ${windowDays} days before maturity (${businessDateOf(maturity)}), until the end of its payable day ${payableDayOf(maturity, calendar)} (Beijing time)`,
    { windowDays, maturityDate: businessDateOf(maturity), payableOn: payableDayOf(maturity, calendar) },
  );
