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
  it('accepts every boundary value', () => {
    expect(ok(aDemandInput({ amount: 1 }))).toBe(true);
    expect(ok(aDemandInput({ amount: 2_000_000_000 }))).toBe(true);
    expect(ok(aDemandInput({ termMonths: 1 }))).toBe(true);
    expect(ok(aDemandInput({ termMonths: 360 }))).toBe(true);
    expect(ok(aDemandInput({ maxAnnualRate: 0.01 }))).toBe(true);
    expect(ok(aDemandInput({ maxAnnualRate: 36 }))).toBe(true);
    expect(ok(aDemandInput({ maxAnnualRate: null, description: null }))).toBe(true);
    expect(ok(aDemandInput({ description: '需'.repeat(2_000) }))).toBe(true);
  });

  it('refuses one step past each boundary', () => {
    expect(ok(aDemandInput({ amount: 0 }))).toBe(false);
    expect(ok(aDemandInput({ amount: 2_000_000_001 }))).toBe(false);
    expect(ok(aDemandInput({ amount: 1.5 }))).toBe(false);
    expect(ok(aDemandInput({ termMonths: 0 }))).toBe(false);
    expect(ok(aDemandInput({ termMonths: 361 }))).toBe(false);
    expect(ok(aDemandInput({ maxAnnualRate: 0 }))).toBe(false);
    expect(ok(aDemandInput({ maxAnnualRate: 36.0001 }))).toBe(false);
    expect(ok(aDemandInput({ description: '需'.repeat(2_001) }))).toBe(false);
    expect(ok(aDemandInput({ purpose: 'YACHT' }))).toBe(false);
    expect(ok(aDemandInput({ collateral: 'GOODWILL' }))).toBe(false);
    expect(ok(aDemandInput({ needsGuarantee: undefined }))).toBe(false);
    expect(ok(aDemandInput({ amount: { $gt: 0 } }))).toBe(false);
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
