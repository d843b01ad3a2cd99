import { roundYuan } from '@yinqi/engine';
import { addMonths, buildSchedule, outstandingOf } from './schedule';

const start = new Date('2026-01-15T00:00:00.000Z');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('roundYuan (the one money rounding rule)', () => {
  it('rounds half up to whole yuan, symmetric for negatives, ignoring binary noise', () => {
    expect(roundYuan(2.5)).toBe(3);
    expect(roundYuan(2.4999)).toBe(2);
    expect(roundYuan(2.4999999999999)).toBe(3);
    expect(roundYuan(0.49)).toBe(0);
    expect(roundYuan(-2.5)).toBe(-3);
    expect(roundYuan(1_000_000)).toBe(1_000_000);
  });
});

describe('addMonths (due dates)', () => {
  it('keeps the day of month and clamps to the month end', () => {
    const jan31 = new Date('2026-01-31T08:00:00.000Z');
    expect(addMonths(jan31, 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T00:00:00.000Z'), 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    // Counted from the original date: March is back on the 31st.
    expect(addMonths(jan31, 2).toISOString()).toBe('2026-03-31T08:00:00.000Z');
    expect(addMonths(jan31, 3).toISOString()).toBe('2026-04-30T08:00:00.000Z');
    expect(addMonths(jan31, 12).toISOString()).toBe('2027-01-31T08:00:00.000Z');
    expect(addMonths(new Date('2026-12-15T00:00:00.000Z'), 1).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('counts months on the Beijing calendar, so a disbursement near midnight Beijing keeps its Beijing day', () => {
    // 31 Mar 16:30Z is 1 Apr 00:30 Beijing: due on 1 May Beijing (30 Apr 16:30Z), not clamped to 30 Apr.
    expect(addMonths(new Date('2026-03-31T16:30:00.000Z'), 1).toISOString()).toBe('2026-04-30T16:30:00.000Z');
    // 30 Mar 17:00Z is 31 Mar 01:00 Beijing: due on 30 Apr Beijing (29 Apr 17:00Z); UTC months would say 30 Apr 17:00Z, 1 May Beijing.
    expect(addMonths(new Date('2026-03-30T17:00:00.000Z'), 1).toISOString()).toBe('2026-04-29T17:00:00.000Z');
  });

  it('gives a Jan 31 loan Feb 28/29 and month ends afterwards', () => {
    const s = buildSchedule(1_200_000, 4, 3, 'EQUAL_INSTALLMENT', new Date('2028-01-31T00:00:00.000Z'));
    expect(s.map((i) => i.dueDate.toISOString().slice(0, 10))).toEqual(['2028-02-29', '2028-03-31', '2028-04-30']);
  });
});

describe('等额本息 EQUAL_INSTALLMENT', () => {
  it('follows the standard annuity: 1,000,000 yuan at 3.6% over 12 months', () => {
    const s = buildSchedule(1_000_000, 3.6, 12, 'EQUAL_INSTALLMENT', start);
    expect(s).toHaveLength(12);
    // payment = P·r/(1−(1+r)^−n), r = 0.003 → 84,967.26 → 84,967
    const payment = 84_967;
    expect(s[0]).toMatchObject({ interest: 3_000, principal: payment - 3_000, paid: false });
    for (const i of s.slice(0, -1)) expect(i.principal + i.interest).toBe(payment);
    expect(sum(s.map((i) => i.principal))).toBe(1_000_000);
    expect(Math.abs(s.at(-1)!.principal + s.at(-1)!.interest - payment)).toBeLessThanOrEqual(12);
    expect(s[0]!.dueDate.toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(s[11]!.dueDate.toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it.each([
    [1, 1, 24],
    [5_000_000, 1, 3.85],
    [7, 7, 24],
    [999_999, 360, 0.01],
    [2_000_000_000, 360, 24],
    [123_457, 37, 0.01],
    [3, 360, 4.35],
  ])('principals add up exactly to %i over %i months at %f%%', (amount, n, rate) => {
    const s = buildSchedule(amount, rate, n, 'EQUAL_INSTALLMENT', start);
    expect(s).toHaveLength(n);
    expect(sum(s.map((i) => i.principal))).toBe(amount);
    for (const i of s) {
      expect(Number.isInteger(i.principal) && Number.isInteger(i.interest)).toBe(true);
      expect(i.principal).toBeGreaterThanOrEqual(0);
      expect(i.interest).toBeGreaterThanOrEqual(0);
    }
    expect(outstandingOf(s)).toBe(amount);
  });

  it('is a single instalment of principal plus one month of interest for a 1-month term', () => {
    const s = buildSchedule(1_000_000, 6, 1, 'EQUAL_INSTALLMENT', start);
    expect(s).toEqual([expect.objectContaining({ principal: 1_000_000, interest: 5_000 })]);
  });

  it('runs 360 months with the last due date 30 years on', () => {
    const s = buildSchedule(3_000_000, 4.9, 360, 'EQUAL_INSTALLMENT', start);
    expect(s.at(-1)!.dueDate.toISOString()).toBe('2056-01-15T00:00:00.000Z');
    expect(sum(s.map((i) => i.principal))).toBe(3_000_000);
  });

  it('at 0.01% a year charges almost no interest but still repays the whole amount', () => {
    const s = buildSchedule(1_200_000, 0.01, 12, 'EQUAL_INSTALLMENT', start);
    expect(s[0]!.interest).toBe(10); // 1,200,000 × 0.0001 / 12
    expect(sum(s.map((i) => i.principal))).toBe(1_200_000);
    expect(sum(s.map((i) => i.interest))).toBeLessThan(100);
  });
});

describe('先息后本 INTEREST_ONLY_BULLET', () => {
  it('charges interest monthly and all principal in the last instalment', () => {
    const s = buildSchedule(5_000_000, 3.85, 12, 'INTEREST_ONLY_BULLET', start);
    expect(s.slice(0, -1).every((i) => i.principal === 0 && i.interest === 16_042)).toBe(true); // 16,041.67 → 16,042
    expect(s.at(-1)).toMatchObject({ principal: 5_000_000, interest: 16_042 });
  });

  it('handles one month and 360 months', () => {
    expect(buildSchedule(100, 12, 1, 'INTEREST_ONLY_BULLET', start)).toEqual([expect.objectContaining({ principal: 100, interest: 1 })]);
    const long = buildSchedule(2_000_000_000, 24, 360, 'INTEREST_ONLY_BULLET', start);
    expect(long).toHaveLength(360);
    expect(sum(long.map((i) => i.principal))).toBe(2_000_000_000);
    expect(long[0]!.interest).toBe(40_000_000);
  });
});
