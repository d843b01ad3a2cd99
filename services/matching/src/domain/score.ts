import { eligibilityCap, type Applicant } from './eligibility';
import type { Product } from './types';

/** Policy products (专精特新贷, 央行再贷款+, 政银担) rank first. */
const POLICY_TAGS = new Set(['SRDI_LOAN', 'RELENDING', 'GOV_BANK_GUARANTEE']);
const SUPPORT_TAGS = new Set(['REDISCOUNT', 'RENEWAL_WITHOUT_REPAYMENT', 'WHITELIST']);

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Score in [0, 100]: higher is a better fit for the enterprise. Four parts, documented in
 * docs/MATCHING.md:
 * - cost, 40: the product's lowest rate, 40 at 2% or below, 0 at 10% or above, linear between;
 * - amount fit, 15: demand ÷ eligibility cap — a product sized for the need beats a huge one;
 * - targeting, 20: 10 for a term centred in the product's range (falling to 5 at its edges),
 *   plus 2.5 for each of tiers, industries, purposes, collateral the product names explicitly
 *   (and so was designed for this kind of borrower);
 * - policy, 25: 15 for the first policy tag (SRDI_LOAN, RELENDING, GOV_BANK_GUARANTEE), 5 for
 *   each further one, 5 for a supporting tag (REDISCOUNT, RENEWAL_WITHOUT_REPAYMENT, WHITELIST),
 *   at most 25.
 * Rounded to one decimal.
 */
export function scoreMatch(applicant: Applicant, product: Product, fixedPart = productScore(product)): number {
  const { demand, enterprise } = applicant;
  const { cap } = eligibilityCap(product, enterprise);
  const amountFit = 15 * clamp01(demand.amount / cap);
  const mid = (product.minTermMonths + product.maxTermMonths) / 2;
  const half = (product.maxTermMonths - product.minTermMonths) / 2;
  const termFit = half === 0 ? 10 : 10 - 5 * clamp01(Math.abs(demand.termMonths - mid) / half);
  return Math.round((fixedPart + amountFit + termFit) * 10) / 10;
}

/**
 * The part of the score that depends on the product alone (cost, explicit targeting, policy):
 * computed once when the product is indexed, not once per demand.
 */
export function productScore(product: Product): number {
  const cost = 40 * clamp01((10 - product.annualRateMin) / 8);
  const explicit = [product.eligibleTiers, product.industries, product.purposes, product.collateralAccepted].filter(
    (l) => l.length > 0,
  ).length;
  const policyCount = product.policyTags.filter((t) => POLICY_TAGS.has(t)).length;
  const supporting = product.policyTags.some((t) => SUPPORT_TAGS.has(t));
  const policy = Math.min(25, (policyCount > 0 ? 15 + 5 * (policyCount - 1) : 0) + (supporting ? 5 : 0));
  return cost + 2.5 * explicit + policy;
}
