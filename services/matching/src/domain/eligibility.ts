import { evaluate, listAllows, yuan, type Evaluation, type Rule } from '@yinqi/engine';
import type { Demand, Enterprise, Product } from './types';

/** A demand with the enterprise that posted it: what a product is matched against. */
export interface Applicant {
  demand: Demand;
  enterprise: Enterprise;
}

const TIER_LABEL: Record<string, string> = {
  NONE: '未认定',
  INNOVATIVE_SME: '创新型中小企业',
  MUNICIPAL_SRDI: '市级专精特新',
  NATIONAL_LITTLE_GIANT: '国家级专精特新“小巨人”',
  SINGLE_CHAMPION: '制造业单项冠军',
};

/**
 * The most a product lends this enterprise (rule 2): the product's maximum, raised by
 * `rdUpliftRatio` when the enterprise's filed R&D super-deduction (研发费用加计扣除备案额) reaches
 * `rdUpliftThreshold`. Rounded down to whole yuan.
 */
export function eligibilityCap(product: Product, enterprise: Enterprise): { cap: number; uplifted: boolean } {
  const uplifted =
    product.rdUpliftThreshold !== null &&
    product.rdUpliftRatio !== null &&
    enterprise.rdSuperDeductionFiled !== null &&
    enterprise.rdSuperDeductionFiled >= product.rdUpliftThreshold;
  return { cap: uplifted ? upliftedCap(product) : product.maxAmount, uplifted };
}

/**
 * The product's cap when the R&D uplift applies: floor(maxAmount × (1 + rdUpliftRatio)); the plain
 * maximum for a product without an uplift. The one formula for `eligibilityCap` and the matcher's columns.
 */
export function upliftedCap(product: Pick<Product, 'maxAmount' | 'rdUpliftRatio'>): number {
  return product.rdUpliftRatio === null ? product.maxAmount : Math.floor(product.maxAmount * (1 + product.rdUpliftRatio));
}

/** The contract's eligibility rules, in its order; each says why it passed or failed. */
export const ELIGIBILITY_RULES: readonly Rule<Applicant, Product>[] = [
  {
    name: 'STATUS',
    check: ({ demand }, p) => {
      const productOk = p.status === 'PUBLISHED';
      const demandOk = demand.status === 'OPEN' || demand.status === 'MATCHED';
      return {
        passed: productOk && demandOk,
        detail: `产品${productOk ? '已发布' : '已暂停'}，需求状态为 ${demand.status}${demandOk ? '' : '（不再撮合）'}`,
      };
    },
  },
  {
    name: 'AMOUNT',
    check: ({ demand, enterprise }, p) => {
      const { cap, uplifted } = eligibilityCap(p, enterprise);
      const passed = p.minAmount <= demand.amount && demand.amount <= cap;
      const upliftNote = uplifted
        ? `（研发费用加计扣除备案额 ${yuan(enterprise.rdSuperDeductionFiled!)} 达到 ${yuan(p.rdUpliftThreshold!)}，额度上浮 ${Math.round(p.rdUpliftRatio! * 100)}%）`
        : '';
      return { passed, detail: `需求金额 ${yuan(demand.amount)}，产品额度 ${yuan(p.minAmount)}–${yuan(cap)}${upliftNote}` };
    },
  },
  {
    name: 'TERM',
    check: ({ demand }, p) => ({
      passed: p.minTermMonths <= demand.termMonths && demand.termMonths <= p.maxTermMonths,
      detail: `需求期限 ${demand.termMonths} 个月，产品期限 ${p.minTermMonths}–${p.maxTermMonths} 个月`,
    }),
  },
  {
    name: 'TIER',
    check: ({ enterprise }, p) => ({
      passed: listAllows(p.eligibleTiers, enterprise.tier),
      detail:
        p.eligibleTiers.length === 0
          ? '产品不限企业梯度'
          : `企业梯度：${TIER_LABEL[enterprise.tier]}；产品面向：${p.eligibleTiers.map((t) => TIER_LABEL[t]).join('、')}`,
    }),
  },
  {
    name: 'INDUSTRY',
    check: ({ enterprise }, p) => ({
      passed: listAllows(p.industries, enterprise.industry),
      detail: p.industries.length === 0 ? '产品不限行业' : `企业行业：${enterprise.industry}；产品面向：${p.industries.join('、')}`,
    }),
  },
  {
    name: 'PURPOSE',
    check: ({ demand }, p) => ({
      passed: listAllows(p.purposes, demand.purpose),
      detail: p.purposes.length === 0 ? '产品不限用途' : `资金用途 ${demand.purpose}；产品支持 ${p.purposes.join('、')}`,
    }),
  },
  {
    name: 'COLLATERAL',
    check: ({ demand }, p) => ({
      passed: listAllows(p.collateralAccepted, demand.collateral),
      detail:
        p.collateralAccepted.length === 0
          ? '产品不限担保方式'
          : `担保方式 ${demand.collateral}；产品接受 ${p.collateralAccepted.join('、')}`,
    }),
  },
  {
    name: 'WHITELIST',
    check: ({ enterprise }, p) => ({
      passed: !p.requiresWhitelist || enterprise.whitelisted,
      detail: p.requiresWhitelist ? `产品要求白名单企业；企业${enterprise.whitelisted ? '已' : '未'}列入白名单` : '产品不要求白名单',
    }),
  },
  {
    name: 'RATE',
    check: ({ demand }, p) => ({
      passed: demand.maxAnnualRate === null || p.annualRateMin <= demand.maxAnnualRate,
      detail:
        demand.maxAnnualRate === null
          ? `企业未设利率上限；产品年利率 ${p.annualRateMin}%–${p.annualRateMax}%`
          : `企业可接受年利率不高于 ${demand.maxAnnualRate}%；产品最低年利率 ${p.annualRateMin}%`,
    }),
  },
];

export const checkEligibility = (applicant: Applicant, product: Product): Evaluation => evaluate(ELIGIBILITY_RULES, applicant, product);

/**
 * The same rules as a bare yes/no without reason texts, for the hot paths that decide which
 * pairs to write. A unit test holds it equal to `checkEligibility(...).eligible`.
 */
export function isEligible(applicant: Applicant, p: Product): boolean {
  const { demand, enterprise } = applicant;
  if (p.status !== 'PUBLISHED' || (demand.status !== 'OPEN' && demand.status !== 'MATCHED')) return false;
  if (p.requiresWhitelist && !enterprise.whitelisted) return false;
  if (!listAllows(p.eligibleTiers, enterprise.tier) || !listAllows(p.industries, enterprise.industry)) return false;
  if (!listAllows(p.purposes, demand.purpose) || !listAllows(p.collateralAccepted, demand.collateral)) return false;
  return fitsRanges(applicant, p);
}

/** Rules 2, 3 and 6 (amount with uplift, term, rate): what the categorical index cannot answer. */
export function fitsRanges({ demand, enterprise }: Applicant, p: Product): boolean {
  if (demand.termMonths < p.minTermMonths || demand.termMonths > p.maxTermMonths || demand.amount < p.minAmount) return false;
  if (demand.maxAnnualRate !== null && p.annualRateMin > demand.maxAnnualRate) return false;
  return demand.amount <= p.maxAmount || demand.amount <= eligibilityCap(p, enterprise).cap;
}
