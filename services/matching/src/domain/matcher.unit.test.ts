import { isEligible } from './eligibility';
import { aDemand, aProduct, anEnterprise } from '@yinqi/testing';
import { Matcher } from './matcher';
import { scoreMatch } from './score';
import type { Product } from './types';

// The indexed path (bitsets, then typed-array columns for ranges and score) must give exactly
// what the plain rules give: the same eligible set and the same scores, bit for bit.
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const some = <T>(xs: readonly T[]) => (rnd() < 0.4 ? [] : xs.filter(() => rnd() < 0.4));
const TIERS = ['NONE', 'INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION'] as const;
const PURPOSES = ['WORKING_CAPITAL', 'TECH_UPGRADE', 'RND', 'EQUIPMENT', 'BRIDGE', 'PRE_IPO'] as const;
const COLLATERALS = ['CREDIT', 'MORTGAGE', 'IP_PLEDGE', 'RECEIVABLES', 'GUARANTEE'] as const;
const INDUSTRIES = ['五金', '汽摩', '光电'];

function randomProduct(i: number): Product {
  const min = pick([100_000, 1_000_000, 3_000_000]);
  const minTerm = pick([1, 3, 6, 12]);
  const rate = Math.round((2.5 + rnd() * 4) * 100) / 100;
  const threshold = rnd() < 0.4 ? pick([0, 1_000_000, 2_000_000, 3_000_000]) : null;
  return aProduct({
    productId: `p${i}`,
    minAmount: min,
    maxAmount: min * pick([1, 3, 10]),
    minTermMonths: minTerm,
    maxTermMonths: minTerm * pick([1, 2, 6]),
    annualRateMin: rate,
    annualRateMax: rate + 1,
    eligibleTiers: some(TIERS),
    industries: some(INDUSTRIES),
    purposes: some(PURPOSES),
    collateralAccepted: some(COLLATERALS),
    requiresWhitelist: rnd() < 0.3,
    rdUpliftThreshold: threshold,
    rdUpliftRatio: rnd() < 0.7 ? pick([0.2, 0.3, 0.5]) : null,
    policyTags: rnd() < 0.3 ? ['SRDI_LOAN'] : [],
  });
}

describe('Matcher.candidatesFor against the plain rules', () => {
  it('finds exactly the eligible products with exactly scoreMatch’s score, also after suspensions reuse slots', () => {
    const m = new Matcher();
    const enterprises = Array.from({ length: 20 }, (_, i) =>
      anEnterprise({
        enterpriseId: `e${i}`,
        tier: pick(TIERS),
        industry: pick(INDUSTRIES),
        whitelisted: rnd() < 0.5,
        rdSuperDeductionFiled: pick([null, 0, 1_000_000, 2_500_000]),
      }),
    );
    enterprises.forEach((e) => m.putEnterprise(e));
    let products = Array.from({ length: 3_000 }, (_, i) => randomProduct(i));
    products.forEach((p) => m.putProduct(p));
    // Suspend a third, then publish changed versions of some and new ones (slots are reused).
    for (let i = 0; i < products.length; i += 3) m.putProduct({ ...products[i]!, status: 'SUSPENDED' });
    const republished = products
      .filter((_, i) => i % 6 === 0)
      .map((p) => ({ ...randomProduct(Number(p.productId.slice(1))), productId: p.productId }));
    const added = Array.from({ length: 500 }, (_, i) => randomProduct(10_000 + i));
    [...republished, ...added].forEach((p) => m.putProduct(p));
    const live = new Map<string, Product>();
    products.forEach((p, i) => i % 3 !== 0 && live.set(p.productId, p));
    [...republished, ...added].forEach((p) => live.set(p.productId, p));
    products = [...live.values()];
    expect(m.productCount).toBe(products.length);

    let compared = 0;
    for (let k = 0; k < 200; k += 1) {
      const e = pick(enterprises);
      const d = aDemand({
        demandId: `d${k}`,
        enterpriseId: e.enterpriseId,
        amount: pick([100_000, 1_000_000, 2_900_000, 3_000_000, 9_000_000, 30_000_000, 36_000_000]),
        termMonths: pick([1, 3, 6, 12, 24, 72]),
        purpose: pick(PURPOSES),
        collateral: pick(COLLATERALS),
        maxAnnualRate: rnd() < 0.5 ? pick([3, 4.5, 6]) : null,
      });
      const a = m.applicant(d)!;
      const got = new Map(m.candidatesFor(a).map((c) => [c.product.productId, c.score]));
      const want = new Map(products.filter((p) => isEligible(a, p)).map((p) => [p.productId, scoreMatch(a, p)]));
      expect(got).toEqual(want);
      compared += want.size;
    }
    expect(compared).toBeGreaterThan(1_000); // the data really exercises the eligible path
  });
});
