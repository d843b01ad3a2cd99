// Test data builders shared by the services' unit tests, the e2e tests and the benchmarks: one place
// for a valid enterprise, demand and product, each overridden by what a test is about.
import type { DemandSnapshot, EnterpriseSnapshot, PolicySnapshot, ProductSnapshot } from '@yinqi/contracts';

/** An enterprise snapshot (企业画像): a certified, white-listed 五金 maker in 龙水镇. */
export const anEnterprise = (o: Partial<EnterpriseSnapshot> = {}): EnterpriseSnapshot => ({
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

/** A profile (企业画像) as registration leaves it: tier NONE, not white-listed, no figures filled in yet. */
export const registeredProfile = () => ({
  tier: 'NONE' as const,
  whitelisted: false,
  annualRevenue: null,
  employees: null,
  rdSuperDeductionFiled: null,
  highValuePatents: null,
});

/** What the demand builders ask for: 5,000,000 yuan of working capital over 12 months, on credit, at most 4.5 %. */
const DEMAND_TERMS = {
  amount: 5_000_000,
  termMonths: 12,
  purpose: 'WORKING_CAPITAL',
  collateral: 'CREDIT',
  maxAnnualRate: 4.5,
  needsGuarantee: false,
} as const;

/** The fields of a DemandInput (融资需求) as the GraphQL mutation takes them. */
export interface DemandInputFields {
  amount: number;
  termMonths: number;
  purpose: string;
  collateral: string;
  maxAnnualRate?: number | null;
  needsGuarantee: boolean;
  description?: string | null;
}

/** A valid DemandInput with sensible defaults. */
export const aDemandInput = (overrides: Partial<DemandInputFields> = {}): DemandInputFields => ({
  ...DEMAND_TERMS,
  description: '采购原材料',
  ...overrides,
});

/** An open demand snapshot (融资需求) of 5,000,000 yuan for 12 months. */
export const aDemand = (o: Partial<DemandSnapshot> = {}): DemandSnapshot => ({
  demandId: 'd1',
  enterpriseId: 'e1',
  ...DEMAND_TERMS,
  status: 'OPEN',
  createdAt: '2026-11-01T00:00:00.000Z',
  ...o,
});

type ProductOptionalField =
  | 'eligibleTiers'
  | 'industries'
  | 'purposes'
  | 'collateralAccepted'
  | 'requiresWhitelist'
  | 'requiresGuarantee'
  | 'rdUpliftThreshold'
  | 'rdUpliftRatio'
  | 'policyTags';

/** What a ProductInput leaves out means: every list "any", no flag set, no R&D uplift. */
export const productInputDefaults = (): Pick<ProductSnapshot, ProductOptionalField> => ({
  eligibleTiers: [],
  industries: [],
  purposes: [],
  collateralAccepted: [],
  requiresWhitelist: false,
  requiresGuarantee: false,
  rdUpliftThreshold: null,
  rdUpliftRatio: null,
  policyTags: [],
});

/** The lending range of a product (金融产品) the builders below publish unless told otherwise. */
const PRODUCT_TERMS = { minAmount: 1_000_000, maxAmount: 10_000_000, minTermMonths: 6, maxTermMonths: 36 };

/** A valid ProductInput (the REST and GraphQL body) with only the required fields; tests override the rest. */
export const aProductInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: '专精特新贷',
  ...PRODUCT_TERMS,
  annualRateMin: 3.2,
  annualRateMax: 4.5,
  ...overrides,
});

/** A published product snapshot lending 1–10 million yuan over 6–36 months to anyone. */
export const aProduct = (o: Partial<ProductSnapshot> = {}): ProductSnapshot => ({
  productId: 'p1',
  bankId: 'b1',
  name: '专精特新贷',
  status: 'PUBLISHED',
  ...PRODUCT_TERMS,
  annualRateMin: 3.45,
  annualRateMax: 4.35,
  ...productInputDefaults(),
  createdAt: '2026-11-01T00:00:00.000Z',
  ...o,
});

/**
 * ProductInput values at the edges of what validation accepts, one case each. `smallestRate` is the
 * lowest positive annual rate the caller's path keeps (the REST schema takes 0.0001; GraphQL is checked at 0.01).
 */
export const productInputBoundaries = (smallestRate: number): Record<string, unknown>[] => [
  { name: 'x'.repeat(100) },
  { minAmount: 1, maxAmount: 1 },
  { minAmount: 2_000_000_000, maxAmount: 2_000_000_000 },
  { minTermMonths: 1, maxTermMonths: 1 },
  { minTermMonths: 360, maxTermMonths: 360 },
  { annualRateMin: smallestRate, annualRateMax: 36 },
  { annualRateMin: 36, annualRateMax: 36 },
  { rdUpliftRatio: 0, rdUpliftThreshold: 0 },
  { rdUpliftRatio: 1, rdUpliftThreshold: 5_000_000 },
  { industries: Array.from({ length: 50 }, (_, i) => `行业${i}`) },
  { industries: ['y'.repeat(100)] },
];

/** The eligibility rules a match explains, in the order API-CONTRACT.md (Matching) lists them. */
export const ELIGIBILITY_RULES = ['STATUS', 'AMOUNT', 'TERM', 'TIER', 'INDUSTRY', 'PURPOSE', 'COLLATERAL', 'WHITELIST', 'RATE'];

/** The district policy (政银担 fee cap, risk shares, SLA, 应急转贷 limits) at the contract's defaults. */
export const aPolicy = (o: Partial<PolicySnapshot> = {}): PolicySnapshot => ({
  guaranteeFeeRateCap: 1.5,
  guaranteeFeeRateTarget: 1.0,
  riskShareGuarantor: 50,
  riskShareBank: 20,
  riskShareGovernment: 30,
  bankResponseSlaHours: 72,
  bankResponseSlaBasis: 'CLOCK_HOURS',
  bankResponseSlaWorkingDays: 3,
  bridgeRequestWindowDays: 20,
  bridgeMaxWorkingDays: 7,
  ...o,
});
