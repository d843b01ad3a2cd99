import { businessDateOf, defaultWorkingCalendar } from '@yinqi/calendar';
import { applyDeferral, applyRenewal, inBridgeWindow, inRenewalWindow, isPastDue, payableDayOf, principalFallingDue } from './relief';
import { allocateRepayment } from './repayment';
import { buildSchedule, maturityOf, outstandingOf } from './schedule';

const start = new Date('2026-01-15T00:00:00.000Z');
const day = (d: Date) => businessDateOf(d);
const cal = defaultWorkingCalendar();

describe('延期还本付息 DEFERRAL', () => {
  it('shifts the next unpaid instalments by the months and adds the interest the deferred principal accrues', () => {
    const s = buildSchedule(1_200_000, 12, 12, 'EQUAL_INSTALLMENT', start);
    const paid = allocateRepayment(s, s[0]!.principal + s[0]!.interest)!.schedule;
    const { schedule: d, addedInterest } = applyDeferral(paid, 2, 12);
    const deferredPrincipal = s[1]!.principal + s[2]!.principal;
    expect(addedInterest).toBe(Math.round(deferredPrincipal * 0.01 * 2));
    // Instalment 1 stays paid on its date; 2 and 3 move from March/April to May/June.
    expect(day(d[0]!.dueDate)).toBe('2026-02-15');
    const shifted = d.filter((i) => i.interest === s[1]!.interest + addedInterest || i.principal === s[2]!.principal);
    expect(shifted.map((i) => day(i.dueDate)).sort()).toEqual(['2026-05-15', '2026-06-15']);
    // Nothing forgiven, principal unchanged, and the schedule stays in due-date order.
    expect(outstandingOf(d)).toBe(outstandingOf(paid));
    expect(d.map((i) => i.dueDate.getTime())).toEqual([...d.map((i) => i.dueDate.getTime())].sort((a, b) => a - b));
  });

  it('adds no interest when only interest is deferred (先息后本 before maturity)', () => {
    const s = buildSchedule(1_000_000, 6, 12, 'INTEREST_ONLY_BULLET', start);
    const { schedule: d, addedInterest } = applyDeferral(s, 3, 6);
    expect(addedInterest).toBe(0);
    expect(day(maturityOf(d))).toBe(day(maturityOf(s)));
  });

  it('moves maturity when the deferred instalments include the last', () => {
    const s = buildSchedule(1_000_000, 6, 1, 'INTEREST_ONLY_BULLET', start);
    const { schedule: d, addedInterest } = applyDeferral(s, 6, 6);
    expect(day(maturityOf(d))).toBe('2026-08-15');
    expect(addedInterest).toBe(30_000);
  });
});

describe('无还本续贷 RENEWAL_WITHOUT_REPAYMENT', () => {
  it('rolls the outstanding principal into a new term of the same length from the current maturity', () => {
    const s = buildSchedule(1_000_000, 6, 3, 'INTEREST_ONLY_BULLET', start);
    const paid = allocateRepayment(s, 5_000 + 5_000)!.schedule; // two months of interest
    const r = applyRenewal(paid, 3, 6, 'INTEREST_ONLY_BULLET');
    expect(r.slice(0, 2).every((i) => i.paid)).toBe(true);
    const fresh = r.slice(2);
    expect(fresh.map((i) => day(i.dueDate))).toEqual(['2026-05-15', '2026-06-15', '2026-07-15']);
    // The replaced last instalment's 5,000 interest is carried into the first new one.
    expect(fresh.map((i) => i.interest)).toEqual([10_000, 5_000, 5_000]);
    expect(fresh.at(-1)!.principal).toBe(1_000_000);
    expect(outstandingOf(r)).toBe(1_000_000);
  });

  it('closes a partly paid instalment at what was paid and keeps the rest owed', () => {
    const s = buildSchedule(1_000_000, 6, 2, 'EQUAL_INSTALLMENT', start);
    const part = allocateRepayment(s, 6_000)!.schedule;
    const r = applyRenewal(part, 2, 6, 'EQUAL_INSTALLMENT');
    expect(r[0]).toMatchObject({ paid: true, interest: 5_000, principal: 1_000 });
    expect(outstandingOf(r)).toBe(999_000);
    expect(r.slice(1).reduce((a, i) => a + i.principal, 0)).toBe(999_000);
  });
});

describe('应急转贷 BRIDGE_FUND', () => {
  it('limits the amount to the principal falling due at maturity', () => {
    expect(principalFallingDue(buildSchedule(1_000_000, 6, 12, 'INTEREST_ONLY_BULLET', start))).toBe(1_000_000);
    const eq = buildSchedule(1_000_000, 6, 12, 'EQUAL_INSTALLMENT', start);
    expect(principalFallingDue(eq)).toBe(eq.at(-1)!.principal);
  });

  it('may be requested from 00:00 Beijing 20 days before the maturity day until its payable day is over', () => {
    const maturity = new Date('2026-06-30T02:00:00.000Z'); // Tuesday 30 Jun, 10:00 Beijing
    expect(inBridgeWindow(maturity, new Date('2026-06-09T16:00:00.000Z'), 20, cal)).toBe(true); // 10 Jun 00:00 Beijing
    expect(inBridgeWindow(maturity, new Date('2026-06-09T15:59:59.999Z'), 20, cal)).toBe(false); // 9 Jun 23:59 Beijing
    expect(inBridgeWindow(maturity, new Date('2026-06-30T15:59:59.999Z'), 20, cal)).toBe(true); // 30 Jun 23:59 Beijing
    expect(inBridgeWindow(maturity, new Date('2026-06-30T16:00:00.000Z'), 20, cal)).toBe(false); // 1 Jul 00:00 Beijing
  });

  it('stays open through 国庆 for a maturity on 3 Oct 2026: payable on Thursday 8 Oct', () => {
    const maturity = new Date('2026-10-03T02:00:00.000Z');
    expect(payableDayOf(maturity, cal)).toBe('2026-10-08');
    expect(inBridgeWindow(maturity, new Date('2026-10-07T10:00:00.000Z'), 20, cal)).toBe(true);
    expect(inBridgeWindow(maturity, new Date('2026-10-08T15:59:00.000Z'), 20, cal)).toBe(true);
    expect(inBridgeWindow(maturity, new Date('2026-10-08T16:00:00.000Z'), 20, cal)).toBe(false);
  });

  it('is lent for working days by the working calendar: across 春节 2026 the 调休 Saturdays count, the holiday does not', () => {
    // Ordinary weeks: Friday + 7 working days → the Tuesday week after next.
    expect(day(cal.addWorkingDays(new Date('2026-11-27T02:00:00.000Z'), 7))).toBe('2026-12-08');
    // Approved Thursday 12 Feb 10:00 Beijing: 13, 14 (Sat, worked), 24, 25, 26, 27, 28 (Sat, worked).
    expect(day(cal.addWorkingDays(new Date('2026-02-12T02:00:00.000Z'), 7))).toBe('2026-02-28');
  });
});

describe('past due (逾期) on the payable day, Beijing time', () => {
  it('an instalment due on a working day is late from 00:00 Beijing the day after', () => {
    const due = new Date('2026-03-16T02:00:00.000Z'); // Monday 16 Mar
    expect(isPastDue(due, new Date('2026-03-16T15:59:59.999Z'), cal)).toBe(false);
    expect(isPastDue(due, new Date('2026-03-16T16:00:00.000Z'), cal)).toBe(true);
  });
  it('an instalment due in 春节 is payable on Tuesday 24 Feb and late only from 25 Feb', () => {
    const due = new Date('2026-02-17T02:00:00.000Z'); // 初一
    expect(payableDayOf(due, cal)).toBe('2026-02-24');
    expect(isPastDue(due, new Date('2026-02-24T12:00:00.000Z'), cal)).toBe(false); // 20:00 Beijing on the 24th
    expect(isPastDue(due, new Date('2026-02-24T16:00:00.000Z'), cal)).toBe(true);
  });
  it('an instalment due on a 调休 Saturday is payable that Saturday', () => {
    expect(payableDayOf(new Date('2026-10-10T01:00:00.000Z'), cal)).toBe('2026-10-10');
  });
  it('a due date at 23:30 Beijing belongs to that Beijing day, not to the UTC day before', () => {
    // 30 Sep 15:30Z is 23:30 Beijing on Wednesday 30 Sep, a working day: late from 1 Oct 00:00 Beijing.
    expect(isPastDue(new Date('2026-09-30T15:30:00.000Z'), new Date('2026-09-30T16:00:00.000Z'), cal)).toBe(true);
    // 30 Sep 16:30Z is 00:30 Beijing on 1 Oct (国庆): payable 8 Oct.
    expect(payableDayOf(new Date('2026-09-30T16:30:00.000Z'), cal)).toBe('2026-10-08');
  });
});

describe('无还本续贷 window (at or near maturity)', () => {
  const maturity = new Date('2026-06-30T00:00:00.000Z');
  it('opens at 00:00 Beijing the window days before the maturity day, inclusive', () => {
    expect(inRenewalWindow(maturity, new Date('2026-05-30T16:00:00.000Z'), 30)).toBe(true); // 31 May 00:00 Beijing
    expect(inRenewalWindow(maturity, new Date('2026-05-30T15:59:59.999Z'), 30)).toBe(false);
    expect(inRenewalWindow(maturity, new Date('2026-01-01T00:00:00.000Z'), 30)).toBe(false);
  });
  it('stays open at and after maturity (an overdue loan may still be renewed)', () => {
    expect(inRenewalWindow(maturity, maturity, 30)).toBe(true);
    expect(inRenewalWindow(maturity, new Date('2026-08-01T00:00:00.000Z'), 30)).toBe(true);
  });
  it('with a window of 0 days, opens only on the maturity day', () => {
    expect(inRenewalWindow(maturity, new Date('2026-06-29T15:59:59.000Z'), 0)).toBe(false);
    expect(inRenewalWindow(maturity, maturity, 0)).toBe(true);
  });
});
