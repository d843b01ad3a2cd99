import { certifyInputSchema, demandInputSchema, idListSchema, profileInputSchema } from './schemas';

const aDemandInput = (over: Record<string, unknown> = {}) => ({
  amount: 5_000_000,
  termMonths: 12,
  purpose: 'WORKING_CAPITAL',
  collateral: 'CREDIT',
  needsGuarantee: false,
  ...over,
});
const ok = (input: unknown) => demandInputSchema.safeParse(input).success;

describe('demand input', () => {
  it.each<[string, Record<string, unknown>]>([
    ['amount: 1', { amount: 1 }],
    ['amount: 2_000_000_000', { amount: 2_000_000_000 }],
    ['termMonths: 1', { termMonths: 1 }],
    ['termMonths: 360', { termMonths: 360 }],
    ['maxAnnualRate: 0.01', { maxAnnualRate: 0.01 }],
    ['maxAnnualRate: 36', { maxAnnualRate: 36 }],
    ['maxAnnualRate: null, description: null', { maxAnnualRate: null, description: null }],
    ['a description of 2,000 characters', { description: '需'.repeat(2_000) }],
  ])('accepts the boundary value %s', (_case, over) => {
    expect(ok(aDemandInput(over))).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['amount: 0', { amount: 0 }],
    ['amount: 2_000_000_001', { amount: 2_000_000_001 }],
    ['amount: 1.5', { amount: 1.5 }],
    ['termMonths: 0', { termMonths: 0 }],
    ['termMonths: 361', { termMonths: 361 }],
    ['maxAnnualRate: 0', { maxAnnualRate: 0 }],
    ['maxAnnualRate: 36.0001', { maxAnnualRate: 36.0001 }],
    ['a description of 2,001 characters', { description: '需'.repeat(2_001) }],
    ['purpose: YACHT', { purpose: 'YACHT' }],
    ['collateral: GOODWILL', { collateral: 'GOODWILL' }],
    ['needsGuarantee: undefined', { needsGuarantee: undefined }],
    ['amount: { $gt: 0', { amount: { $gt: 0 } }],
  ])('refuses %s, one step past a boundary', (_case, over) => {
    expect(ok(aDemandInput(over))).toBe(false);
  });
});

describe('profile input', () => {
  const parse = (input: unknown) => profileInputSchema.safeParse(input);
  it('accepts an empty update, zeros, explicit nulls and the maxima', () => {
    expect(parse({}).success).toBe(true);
    expect(parse({ annualRevenue: 0, employees: 0, rdSuperDeductionFiled: 0, highValuePatents: 0 }).success).toBe(true);
    expect(parse({ annualRevenue: null }).success).toBe(true);
    expect(parse({ annualRevenue: 2_000_000_000, rdSuperDeductionFiled: 2_000_000_000, employees: 10_000_000 }).success).toBe(true);
  });
  it('refuses negatives, fractions and values over the maxima', () => {
    expect(parse({ annualRevenue: -1 }).success).toBe(false);
    expect(parse({ employees: 2.5 }).success).toBe(false);
    expect(parse({ annualRevenue: 2_000_000_001 }).success).toBe(false);
    expect(parse({ rdSuperDeductionFiled: 2_000_000_001 }).success).toBe(false);
    expect(parse({ employees: 10_000_001 }).success).toBe(false);
    expect(parse({ highValuePatents: -3 }).success).toBe(false);
  });
});

describe('certification input', () => {
  it('knows the tiers of 梯度培育库 and nothing else', () => {
    expect(certifyInputSchema.safeParse({ tier: 'NATIONAL_LITTLE_GIANT', whitelisted: true }).success).toBe(true);
    expect(certifyInputSchema.safeParse({ tier: 'GIANT', whitelisted: true }).success).toBe(false);
    expect(certifyInputSchema.safeParse({ tier: 'NONE' }).success).toBe(false);
  });
});

describe('id lists', () => {
  it('splits, trims, drops empties and duplicates, and caps the batch', () => {
    expect(idListSchema.parse('a, b,,a')).toEqual(['a', 'b']);
    expect(idListSchema.parse(Array.from({ length: 300 }, (_, i) => `id${i}`).join(','))).toHaveLength(200);
  });
});
