import { aProductInput, productInputBoundaries, productInputDefaults } from '@yinqi/testing';
import { catalogueQuerySchema, idListSchema, productInputSchema } from './schemas';

const problemWith = (overrides: Record<string, unknown>) => {
  const res = productInputSchema.safeParse(aProductInput(overrides));
  return res.success ? undefined : res.error.issues[0]?.path.join('.');
};

describe('ProductInput validation', () => {
  it('fills the defaults: lists mean "any", flags are false, no R&D uplift', () => {
    expect(productInputSchema.parse(aProductInput())).toEqual({ ...aProductInput(), ...productInputDefaults() });
  });

  it('treats explicit nulls like missing fields', () => {
    const parsed = productInputSchema.parse(
      aProductInput({
        eligibleTiers: null,
        industries: null,
        requiresWhitelist: null,
        rdUpliftRatio: null,
        rdUpliftThreshold: null,
        policyTags: null,
      }),
    );
    expect(parsed).toMatchObject({
      eligibleTiers: [],
      industries: [],
      requiresWhitelist: false,
      rdUpliftRatio: null,
      rdUpliftThreshold: null,
      policyTags: [],
    });
  });

  it('accepts every boundary value', () => {
    const edges = productInputBoundaries(0.0001);
    for (const e of edges) expect([e, problemWith(e)]).toEqual([e, undefined]);
  });

  it.each([
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'name'],
    ['minAmount 0', { minAmount: 0 }, 'minAmount'],
    ['maxAmount over 2,000,000,000', { maxAmount: 2_000_000_001 }, 'maxAmount'],
    ['a fractional amount', { minAmount: 1.5 }, 'minAmount'],
    ['minAmount above maxAmount', { minAmount: 10_000_001 }, 'minAmount'],
    ['minTermMonths 0', { minTermMonths: 0 }, 'minTermMonths'],
    ['maxTermMonths 361', { maxTermMonths: 361 }, 'maxTermMonths'],
    ['minTermMonths above maxTermMonths', { minTermMonths: 37 }, 'minTermMonths'],
    ['a zero rate', { annualRateMin: 0 }, 'annualRateMin'],
    ['a negative rate', { annualRateMin: -1 }, 'annualRateMin'],
    ['a rate above 36', { annualRateMax: 36.01 }, 'annualRateMax'],
    ['annualRateMin above annualRateMax', { annualRateMin: 4.6 }, 'annualRateMin'],
    ['rdUpliftRatio below 0', { rdUpliftRatio: -0.1, rdUpliftThreshold: 0 }, 'rdUpliftRatio'],
    ['rdUpliftRatio above 1', { rdUpliftRatio: 1.01, rdUpliftThreshold: 0 }, 'rdUpliftRatio'],
    ['a negative rdUpliftThreshold', { rdUpliftRatio: 0.2, rdUpliftThreshold: -1 }, 'rdUpliftThreshold'],
    ['a fractional rdUpliftThreshold', { rdUpliftRatio: 0.2, rdUpliftThreshold: 0.5 }, 'rdUpliftThreshold'],
    ['rdUpliftRatio without a threshold', { rdUpliftRatio: 0.2 }, 'rdUpliftThreshold'],
    ['rdUpliftThreshold without a ratio', { rdUpliftThreshold: 1_000_000 }, 'rdUpliftRatio'],
    ['an empty industry', { industries: ['五金', ''] }, 'industries.1'],
    ['an industry of 101 characters', { industries: ['y'.repeat(101)] }, 'industries.0'],
    ['51 distinct industries', { industries: Array.from({ length: 51 }, (_, i) => `行业${i}`) }, 'industries'],
    ['an unknown tier', { eligibleTiers: ['GIANT'] }, 'eligibleTiers.0'],
    ['an unknown policy tag', { policyTags: ['FREE_MONEY'] }, 'policyTags.0'],
    ['an unknown purpose', { purposes: ['HOLIDAY'] }, 'purposes.0'],
    ['an unknown collateral', { collateralAccepted: ['GOODWILL'] }, 'collateralAccepted.0'],
    ['an unknown field', { bankId: 'someone-else' }, ''],
    ['a missing required field', { maxAmount: undefined }, 'maxAmount'],
    ['a string where a number belongs', { minAmount: '100' }, 'minAmount'],
  ])('refuses %s', (_label, overrides, path) => {
    expect(problemWith(overrides)).toBe(path);
  });

  it('de-duplicates every list, keeping first occurrences in order', () => {
    const parsed = productInputSchema.parse(
      aProductInput({
        eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'MUNICIPAL_SRDI'],
        industries: ['五金', ' 五金 ', '汽摩'],
        purposes: ['RND', 'RND'],
        collateralAccepted: ['CREDIT', 'IP_PLEDGE', 'CREDIT'],
        policyTags: ['SRDI_LOAN', 'SRDI_LOAN', 'WHITELIST'],
      }),
    );
    expect(parsed).toMatchObject({
      eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'],
      industries: ['五金', '汽摩'],
      purposes: ['RND'],
      collateralAccepted: ['CREDIT', 'IP_PLEDGE'],
      policyTags: ['SRDI_LOAN', 'WHITELIST'],
    });
  });

  it('counts the 50-industry limit after de-duplication', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `行业${i}`);
    expect(problemWith({ industries: [...fifty, ...fifty] })).toBeUndefined();
  });
});

describe('catalogue query and id list', () => {
  it('accepts the filters and refuses an unknown policy tag or an empty bank id', () => {
    expect(catalogueQuerySchema.parse({ bankId: 'b1', policyTag: 'RELENDING', first: '10' })).toEqual({
      bankId: 'b1',
      policyTag: 'RELENDING',
      first: '10',
    });
    expect(catalogueQuerySchema.safeParse({ policyTag: 'NOPE' }).success).toBe(false);
    expect(catalogueQuerySchema.safeParse({ bankId: '' }).success).toBe(false);
    expect(catalogueQuerySchema.safeParse({ bankId: ['a', 'b'] }).success).toBe(false);
  });

  it('splits ids, drops empties and repeats, and caps the batch', () => {
    expect(idListSchema.parse('a,,b,a')).toEqual(['a', 'b']);
    expect(idListSchema.parse('')).toEqual([]);
    expect(idListSchema.safeParse(Array.from({ length: 201 }, (_, i) => `p${i}`).join(',')).success).toBe(false);
  });
});
