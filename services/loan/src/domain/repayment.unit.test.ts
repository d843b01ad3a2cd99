import { allocateRepayment } from './repayment';
import { buildSchedule, outstandingOf, owedOf } from './schedule';

const start = new Date('2026-01-15T00:00:00.000Z');
const bullet = () => buildSchedule(1_200_000, 12, 3, 'INTEREST_ONLY_BULLET', start); // 12,000 interest a month

describe('allocating a repayment', () => {
  it('pays interest before principal and instalments in order, marking fully covered ones paid', () => {
    const a = allocateRepayment(bullet(), 12_000 + 5_000)!;
    expect(a.interestPaid).toBe(17_000);
    expect(a.principalPaid).toBe(0);
    expect(a.schedule[0]).toMatchObject({ paid: true, paidInterest: 12_000 });
    expect(a.schedule[1]).toMatchObject({ paid: false, paidInterest: 5_000, paidPrincipal: 0 });
    const b = allocateRepayment(a.schedule, 7_000 + 12_000 + 200_000)!;
    expect(b.schedule[1]!.paid).toBe(true);
    expect(b.schedule[2]).toMatchObject({ paid: false, paidInterest: 12_000, paidPrincipal: 200_000 });
    expect(b.principalPaid).toBe(200_000);
    expect(outstandingOf(b.schedule)).toBe(1_000_000);
  });

  it('settles the whole loan with exactly what is owed, and refuses a single yuan more', () => {
    const s = buildSchedule(1_000_000, 3.6, 12, 'EQUAL_INSTALLMENT', start);
    expect(allocateRepayment(s, owedOf(s) + 1)).toBeNull();
    const all = allocateRepayment(s, owedOf(s))!;
    expect(all.schedule.every((i) => i.paid)).toBe(true);
    expect(outstandingOf(all.schedule)).toBe(0);
    expect(all.principalPaid).toBe(1_000_000);
  });

  it('does not change the schedule it was given', () => {
    const s = bullet();
    allocateRepayment(s, 50_000);
    expect(s.every((i) => i.paidInterest === 0 && !i.paid)).toBe(true);
  });
});
