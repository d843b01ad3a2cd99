import { bondReserveSchema, fundMandateSchema, roadshowSchema } from './schemas';

describe('capital input schemas', () => {
  const bond = { enterpriseId: 'e1', amount: 1, purpose: '技改', plannedQuarter: '2026Q3' };
  it('accepts a quarter like 2026Q3 and refuses anything else', () => {
    expect(bondReserveSchema.safeParse(bond).success).toBe(true);
    for (const q of ['2026Q5', '2026Q0', '2026-Q3', '26Q3', '2026q3', '2026Q3 ', 'Q3 2026'])
      expect(bondReserveSchema.safeParse({ ...bond, plannedQuarter: q }).success).toBe(false);
  });
  it('keeps amounts within 1 … 2,000,000,000 and texts within their limits', () => {
    expect(bondReserveSchema.safeParse({ ...bond, amount: 0 }).success).toBe(false);
    expect(bondReserveSchema.safeParse({ ...bond, amount: 2_000_000_001 }).success).toBe(false);
    expect(bondReserveSchema.safeParse({ ...bond, amount: 2_000_000_000 }).success).toBe(true);
    expect(bondReserveSchema.safeParse({ ...bond, purpose: 'x'.repeat(2001) }).success).toBe(false);
    expect(bondReserveSchema.safeParse({ ...bond, purpose: 'x'.repeat(2000) }).success).toBe(true);
  });
  it('refuses a mandate whose minTicket exceeds maxTicket, and names over 100 characters', () => {
    expect(fundMandateSchema.safeParse({ name: 'A', minTicket: 10, maxTicket: 10 }).success).toBe(true);
    expect(fundMandateSchema.safeParse({ name: 'A', minTicket: 11, maxTicket: 10 }).success).toBe(false);
    expect(fundMandateSchema.safeParse({ name: 'x'.repeat(101), minTicket: 1, maxTicket: 10 }).success).toBe(false);
  });
  it('needs a roadshow capacity of at least 1', () => {
    const r = { title: '路演', startsAt: '2026-12-01T02:00:00.000Z', capacity: 1 };
    expect(roadshowSchema.safeParse(r).success).toBe(true);
    expect(roadshowSchema.safeParse({ ...r, capacity: 0 }).success).toBe(false);
  });
});
