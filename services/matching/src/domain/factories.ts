import type { Demand, Enterprise, Product } from './types';

/** Test data builders (used by unit tests and the matcher benchmark). */
export const anEnterprise = (o: Partial<Enterprise> = {}): Enterprise => ({
  enterpriseId: 'e1',
  name: '重庆大足五金制品有限公司',
  industry: '五金',
  town: '龙水镇',
  tier: 'MUNICIPAL_SRDI',
  whitelisted: true,
  annualRevenue: 80_000_000,
  employees: 120,
  rdSuperDeductionFiled: 2_000_000,
  highValuePatents: 3,
  ...o,
});

export const aDemand = (o: Partial<Demand> = {}): Demand => ({
  demandId: 'd1',
  enterpriseId: 'e1',
  amount: 5_000_000,
  termMonths: 12,
  purpose: 'WORKING_CAPITAL',
  collateral: 'CREDIT',
  maxAnnualRate: 4.5,
  needsGuarantee: false,
  status: 'OPEN',
  createdAt: '2026-11-01T00:00:00.000Z',
  ...o,
});

export const aProduct = (o: Partial<Product> = {}): Product => ({
  productId: 'p1',
  bankId: 'b1',
  name: '专精特新贷',
  status: 'PUBLISHED',
  minAmount: 1_000_000,
  maxAmount: 10_000_000,
  minTermMonths: 6,
  maxTermMonths: 36,
  annualRateMin: 3.45,
  annualRateMax: 4.35,
  eligibleTiers: [],
  industries: [],
  purposes: [],
  collateralAccepted: [],
  requiresWhitelist: false,
  requiresGuarantee: false,
  rdUpliftThreshold: null,
  rdUpliftRatio: null,
  policyTags: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  ...o,
});
