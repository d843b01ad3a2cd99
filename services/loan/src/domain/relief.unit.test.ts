import { addWorkingDays, applyDeferral, applyRenewal, inBridgeWindow, inRenewalWindow, principalFallingDue } from './relief';
import { allocateRepayment } from './repayment';
import { buildSchedule, maturityOf, outstandingOf } from './schedule';

const start = new Date('2026-01-15T00:00:00.000Z');
const day = (d: Date) => d.toISOString().slice(0, 10);

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

  it('may be requested only within the window before maturity', () => {
    const maturity = new Date('2026-06-30T00:00:00.000Z');
    expect(inBridgeWindow(maturity, new Date('2026-06-10T00:00:00.000Z'), 20)).toBe(true);
    expect(inBridgeWindow(maturity, new Date('2026-06-09T23:59:59.000Z'), 20)).toBe(false);
    expect(inBridgeWindow(maturity, new Date('2026-07-01T00:00:00.000Z'), 20)).toBe(false);
  });

  it('is lent for working days, skipping weekends', () => {
    // Friday + 7 working days → the Tuesday week after next.
    expect(day(addWorkingDays(new Date('2026-11-27T10:00:00.000Z'), 7))).toBe('2026-12-08');
    expect(day(addWorkingDays(new Date('2026-11-23T10:00:00.000Z'), 5))).toBe('2026-11-30');
  });
});

describe('无还本续贷 window (at or near maturity)', () => {
  const maturity = new Date('2026-06-30T00:00:00.000Z');
  it('opens the window days before maturity, inclusive', () => {
    expect(inRenewalWindow(maturity, new Date('2026-05-31T00:00:00.000Z'), 30)).toBe(true);
    expect(inRenewalWindow(maturity, new Date('2026-05-30T23:59:59.999Z'), 30)).toBe(false);
    expect(inRenewalWindow(maturity, new Date('2026-01-01T00:00:00.000Z'), 30)).toBe(false);
  });
  it('stays open at and after maturity (an overdue loan may still be renewed)', () => {
    expect(inRenewalWindow(maturity, maturity, 30)).toBe(true);
    expect(inRenewalWindow(maturity, new Date('2026-08-01T00:00:00.000Z'), 30)).toBe(true);
  });
  it('with a window of 0 days, opens only at maturity', () => {
    expect(inRenewalWindow(maturity, new Date('2026-06-29T23:59:59.000Z'), 0)).toBe(false);
    expect(inRenewalWindow(maturity, maturity, 0)).toBe(true);
  });
});
