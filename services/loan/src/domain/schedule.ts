import { addBusinessMonths } from '@yinqi/calendar';
import type { RepaymentMethod } from '@yinqi/contracts';
import { roundYuan } from '@yinqi/engine';

/** One instalment (期供): whole yuan; `paidPrincipal`/`paidInterest` track partial repayments. */
export interface Instalment {
  dueDate: Date;
  principal: number;
  interest: number;
  paidPrincipal: number;
  paidInterest: number;
  paid: boolean;
}

/** Monthly rate from an annual rate in percent (3.85 → 0.0385/12). */
export const monthlyRate = (annualRatePercent: number) => annualRatePercent / 1200;

/**
 * `months` calendar months after `from` on the Beijing calendar (the day of month of the Beijing
 * date, clamped to the month's last day: Jan 31 + 1 month → Feb 28/29), at the same Beijing time,
 * whatever zone the server runs in. A disbursement at 00:30 Beijing on 1 Feb is due on the 1st,
 * not on the 28th/31st its UTC date would give.
 */
export const addMonths = (from: Date, months: number): Date => addBusinessMonths(from, months);

const instalment = (dueDate: Date, principal: number, interest: number): Instalment => ({
  dueDate,
  principal,
  interest,
  paidPrincipal: 0,
  paidInterest: 0,
  paid: false,
});

/**
 * The repayment schedule (还款计划) of `amount` yuan over `termMonths`, first due one month after `start`.
 * - 等额本息 EQUAL_INSTALLMENT: the standard annuity payment P·r/(1−(1+r)^−n), rounded once; each
 *   month's interest is round(outstanding·r) and the principal is the rest of the payment.
 * - 先息后本 INTEREST_ONLY_BULLET: round(P·r) interest every month, all principal in the last.
 * Either way the last instalment takes whatever principal is left, so the principals add up to
 * the amount exactly whatever the rounding did.
 */
export function buildSchedule(amount: number, annualRate: number, termMonths: number, method: RepaymentMethod, start: Date): Instalment[] {
  if (!Number.isInteger(amount) || amount < 1) throw new RangeError('amount must be a positive whole number of yuan');
  if (!Number.isInteger(termMonths) || termMonths < 1) throw new RangeError('termMonths must be a positive integer');
  if (!(annualRate > 0)) throw new RangeError('annualRate must be above 0');
  const r = monthlyRate(annualRate);
  const out: Instalment[] = [];
  let outstanding = amount;
  const payment = method === 'EQUAL_INSTALLMENT' ? roundYuan((amount * r) / (1 - Math.pow(1 + r, -termMonths))) : 0;
  for (let k = 1; k <= termMonths; k += 1) {
    const interest = roundYuan(outstanding * r);
    let principal: number;
    if (k === termMonths) principal = outstanding;
    else if (method === 'INTEREST_ONLY_BULLET') principal = 0;
    // Tiny loans can round the payment below the interest: never a negative principal, never more than is owed.
    else principal = Math.min(outstanding, Math.max(0, payment - interest));
    out.push(instalment(addMonths(start, k), principal, interest));
    outstanding -= principal;
  }
  return out;
}

/** Principal not yet repaid (未还本金). */
export const outstandingOf = (schedule: Instalment[]) => schedule.reduce((s, i) => s + i.principal - i.paidPrincipal, 0);

/** What is still owed, interest and principal, over every unpaid instalment. */
export const owedOf = (schedule: Instalment[]) =>
  schedule.reduce((s, i) => s + i.principal - i.paidPrincipal + i.interest - i.paidInterest, 0);

/** Due date of the earliest unpaid instalment, or null when all are paid. */
export const nextDueOf = (schedule: Instalment[]): Date | null => schedule.find((i) => !i.paid)?.dueDate ?? null;

/** Maturity (到期日): the latest due date in the schedule. */
export const maturityOf = (schedule: Instalment[]): Date => new Date(Math.max(...schedule.map((i) => i.dueDate.getTime())));

/** Keeps the schedule in due-date order (stable), which is the order repayments settle it in. */
export const sortByDue = (schedule: Instalment[]) =>
  schedule
    .map((i, n) => ({ i, n }))
    .sort((a, b) => a.i.dueDate.getTime() - b.i.dueDate.getTime() || a.n - b.n)
    .map((x) => x.i);
