import { checkEligibility, eligibilityCap, isEligible } from './eligibility';
import { aDemand, aProduct, anEnterprise, ELIGIBILITY_RULES } from '@yinqi/testing';
import { Matcher } from './matcher';
import { scoreMatch } from './score';

const applicant = (d = {}, e = {}) => ({ demand: aDemand(d), enterprise: anEnterprise(e) });
const failed = (a: ReturnType<typeof applicant>, p: ReturnType<typeof aProduct>) =>
  checkEligibility(a, p)
    .reasons.filter((r) => !r.passed)
    .map((r) => r.rule);

describe('eligibility rules (API-CONTRACT.md, Matching)', () => {
  it('passes every rule for a fitting pair and explains each one', () => {
    const r = checkEligibility(applicant(), aProduct());
    expect(r.eligible).toBe(true);
    expect(r.reasons.map((x) => x.rule)).toEqual(ELIGIBILITY_RULES);
    expect(r.reasons.every((x) => x.detail.length > 0)).toBe(true);
  });

  it('rule 1: product published and demand OPEN or MATCHED', () => {
    expect(failed(applicant(), aProduct({ status: 'SUSPENDED' }))).toEqual(['STATUS']);
    expect(failed(applicant({ status: 'MATCHED' }), aProduct())).toEqual([]);
    for (const status of ['OFFERED', 'ACCEPTED', 'FUNDED', 'WITHDRAWN', 'CLOSED'] as const) {
      expect(failed(applicant({ status }), aProduct())).toEqual(['STATUS']);
    }
  });

  it('rule 2: amount within [minAmount, maxAmount] at both edges', () => {
    const p = aProduct({ minAmount: 1_000_000, maxAmount: 5_000_000 });
    expect(failed(applicant({ amount: 1_000_000 }), p)).toEqual([]);
    expect(failed(applicant({ amount: 5_000_000 }), p)).toEqual([]);
    expect(failed(applicant({ amount: 999_999 }), p)).toEqual(['AMOUNT']);
    expect(failed(applicant({ amount: 5_000_001 }), p)).toEqual(['AMOUNT']);
  });

  it('rule 2: the R&D super-deduction uplift raises the cap exactly at the threshold', () => {
    const p = aProduct({ maxAmount: 5_000_000, rdUpliftThreshold: 1_000_000, rdUpliftRatio: 0.2 });
    expect(eligibilityCap(p, anEnterprise({ rdSuperDeductionFiled: 1_000_000 }))).toEqual({ cap: 6_000_000, uplifted: true });
    expect(eligibilityCap(p, anEnterprise({ rdSuperDeductionFiled: 999_999 }))).toEqual({ cap: 5_000_000, uplifted: false });
    expect(eligibilityCap(p, anEnterprise({ rdSuperDeductionFiled: null }))).toEqual({ cap: 5_000_000, uplifted: false });
    expect(failed(applicant({ amount: 6_000_000 }, { rdSuperDeductionFiled: 1_000_000 }), p)).toEqual([]);
    expect(failed(applicant({ amount: 6_000_001 }, { rdSuperDeductionFiled: 1_000_000 }), p)).toEqual(['AMOUNT']);
    expect(failed(applicant({ amount: 6_000_000 }, { rdSuperDeductionFiled: 999_999 }), p)).toEqual(['AMOUNT']);
    expect(checkEligibility(applicant({ amount: 6_000_000 }, { rdSuperDeductionFiled: 1_000_000 }), p).reasons[1]!.detail).toMatch(
      /加计扣除/,
    );
  });

  it('rule 3: term within the product range at both edges', () => {
    const p = aProduct({ minTermMonths: 6, maxTermMonths: 12 });
    expect(failed(applicant({ termMonths: 6 }), p)).toEqual([]);
    expect(failed(applicant({ termMonths: 12 }), p)).toEqual([]);
    expect(failed(applicant({ termMonths: 5 }), p)).toEqual(['TERM']);
    expect(failed(applicant({ termMonths: 13 }), p)).toEqual(['TERM']);
  });

  it('rule 4: tier, industry, purpose, collateral lists — empty means any', () => {
    expect(
      failed(applicant({}, { tier: 'INNOVATIVE_SME' }), aProduct({ eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'] })),
    ).toEqual(['TIER']);
    expect(failed(applicant({}, { industry: '汽摩' }), aProduct({ industries: ['五金'] }))).toEqual(['INDUSTRY']);
    expect(failed(applicant({ purpose: 'RND' }), aProduct({ purposes: ['EQUIPMENT'] }))).toEqual(['PURPOSE']);
    expect(failed(applicant({ collateral: 'MORTGAGE' }), aProduct({ collateralAccepted: ['CREDIT', 'IP_PLEDGE'] }))).toEqual([
      'COLLATERAL',
    ]);
    expect(
      failed(
        applicant({ purpose: 'RND', collateral: 'IP_PLEDGE' }, { industry: '光电' }),
        aProduct({ purposes: ['RND'], collateralAccepted: ['IP_PLEDGE'], industries: ['光电'] }),
      ),
    ).toEqual([]);
  });

  it('rule 5: white list required only when the product says so', () => {
    expect(failed(applicant({}, { whitelisted: false }), aProduct({ requiresWhitelist: true }))).toEqual(['WHITELIST']);
    expect(failed(applicant({}, { whitelisted: true }), aProduct({ requiresWhitelist: true }))).toEqual([]);
    expect(failed(applicant({}, { whitelisted: false }), aProduct({ requiresWhitelist: false }))).toEqual([]);
  });

  it('rule 6: product minimum rate at most the demand maximum, when the demand sets one', () => {
    expect(failed(applicant({ maxAnnualRate: 3.45 }), aProduct({ annualRateMin: 3.45 }))).toEqual([]);
    expect(failed(applicant({ maxAnnualRate: 3.44 }), aProduct({ annualRateMin: 3.45 }))).toEqual(['RATE']);
    expect(failed(applicant({ maxAnnualRate: null }), aProduct({ annualRateMin: 9 }))).toEqual([]);
  });

  it('records every failing rule, not only the first', () => {
    expect(failed(applicant({ amount: 1, termMonths: 360 }), aProduct({ status: 'SUSPENDED' }))).toEqual(['STATUS', 'AMOUNT', 'TERM']);
  });
});

describe('isEligible (the hot-path yes/no)', () => {
  it('agrees with the full rule evaluation on thousands of generated pairs', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    let eligible = 0;
    for (let i = 0; i < 5000; i += 1) {
      const a = applicant(
        {
          amount: pick([1, 999_999, 1_000_000, 5_000_000, 6_000_000, 6_000_001]),
          termMonths: pick([1, 6, 12, 36, 37]),
          purpose: pick(['RND', 'EQUIPMENT'] as const),
          collateral: pick(['CREDIT', 'MORTGAGE'] as const),
          maxAnnualRate: pick([null, 3, 4.5]),
          status: pick(['OPEN', 'MATCHED', 'OFFERED'] as const),
        },
        {
          tier: pick(['NONE', 'MUNICIPAL_SRDI'] as const),
          industry: pick(['五金', '汽摩']),
          whitelisted: rnd() < 0.5,
          rdSuperDeductionFiled: pick([null, 999_999, 1_000_000]),
        },
      );
      const p = aProduct({
        status: pick(['PUBLISHED', 'SUSPENDED'] as const),
        maxAmount: pick([5_000_000, 10_000_000]),
        eligibleTiers: pick([[], ['MUNICIPAL_SRDI']] as const) as never,
        industries: pick([[], ['五金']]),
        purposes: pick([[], ['RND']]) as never,
        collateralAccepted: pick([[], ['CREDIT']]) as never,
        requiresWhitelist: rnd() < 0.3,
        rdUpliftThreshold: pick([null, 1_000_000]),
        rdUpliftRatio: 0.2,
        annualRateMin: pick([3.45, 4]),
      });
      const full = checkEligibility(a, p).eligible;
      expect([i, isEligible(a, p)]).toEqual([i, full]);
      if (full) eligible += 1;
    }
    expect(eligible).toBeGreaterThan(100);
  });
});

describe('score', () => {
  it('stays within [0, 100]', () => {
    const best = aProduct({
      annualRateMin: 1,
      maxAmount: 5_000_000,
      minTermMonths: 12,
      maxTermMonths: 12,
      eligibleTiers: ['MUNICIPAL_SRDI'],
      industries: ['五金'],
      purposes: ['WORKING_CAPITAL'],
      collateralAccepted: ['CREDIT'],
      policyTags: ['SRDI_LOAN', 'RELENDING', 'GOV_BANK_GUARANTEE', 'WHITELIST'],
    });
    expect(scoreMatch(applicant(), best)).toBe(100);
    const worst = aProduct({ annualRateMin: 20, maxAmount: 2_000_000_000, minAmount: 1 });
    const s = scoreMatch(applicant({ termMonths: 6 }), worst);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(10);
  });

  it('ranks cheaper, closer-fitting and policy products first', () => {
    const a = applicant();
    expect(scoreMatch(a, aProduct({ annualRateMin: 3.0 }))).toBeGreaterThan(scoreMatch(a, aProduct({ annualRateMin: 4.0 })));
    expect(scoreMatch(a, aProduct({ maxAmount: 5_000_000 }))).toBeGreaterThan(scoreMatch(a, aProduct({ maxAmount: 50_000_000 })));
    expect(scoreMatch(a, aProduct({ policyTags: ['SRDI_LOAN'] }))).toBeGreaterThan(scoreMatch(a, aProduct()));
    expect(scoreMatch(a, aProduct({ policyTags: ['RELENDING'] }))).toBeGreaterThan(scoreMatch(a, aProduct({ policyTags: ['REDISCOUNT'] })));
  });
});

describe('Matcher', () => {
  it('returns exactly the eligible published products, with scores that rank the cheaper first', () => {
    const m = new Matcher();
    m.putEnterprise(anEnterprise({ whitelisted: false }));
    m.putProduct(aProduct({ productId: 'cheap', annualRateMin: 3 }));
    m.putProduct(aProduct({ productId: 'dear', annualRateMin: 4.4 }));
    m.putProduct(aProduct({ productId: 'whitelist-only', requiresWhitelist: true }));
    m.putProduct(aProduct({ productId: 'other-industry', industries: ['电梯'] }));
    m.putProduct(aProduct({ productId: 'suspended', status: 'SUSPENDED' }));
    m.putProduct(aProduct({ productId: 'too-short', maxTermMonths: 6 }));
    m.putProduct(aProduct({ productId: 'uplift', maxAmount: 4_500_000, rdUpliftThreshold: 1_000_000, rdUpliftRatio: 0.2 }));
    const a = m.applicant(aDemand())!;
    const found = m.candidatesFor(a);
    expect(found.map((c) => c.product.productId).sort()).toEqual(['cheap', 'dear', 'uplift']);
    const score = (id: string) => found.find((c) => c.product.productId === id)!.score;
    expect(score('cheap')).toBeGreaterThan(score('dear'));
  });

  it('forgets a product when it is suspended', () => {
    const m = new Matcher();
    m.putEnterprise(anEnterprise());
    m.putProduct(aProduct());
    m.putProduct(aProduct({ status: 'SUSPENDED' }));
    expect(m.candidatesFor(m.applicant(aDemand())!)).toEqual([]);
    expect(m.productCount).toBe(0);
  });

  it('finds the open demands a new product fits', () => {
    const m = new Matcher();
    m.putEnterprise(anEnterprise());
    m.putEnterprise(anEnterprise({ enterpriseId: 'e2', industry: '汽摩' }));
    m.putDemand(aDemand({ demandId: 'd1' }));
    m.putDemand(aDemand({ demandId: 'd2', enterpriseId: 'e2' }));
    m.putDemand(aDemand({ demandId: 'd3', status: 'FUNDED' }));
    const fits = m.applicantsFor(aProduct({ industries: ['五金'] }));
    expect(fits.map((x) => x.applicant.demand.demandId)).toEqual(['d1']);
    expect(fits[0]!.score).toBeGreaterThan(0);
  });
});
