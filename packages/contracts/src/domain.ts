import { z } from 'zod';

/** Shared enums of the public contract, used in events and by every service. */
export const TIER = z.enum(['NONE', 'INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION']);
export const PURPOSE = z.enum(['WORKING_CAPITAL', 'TECH_UPGRADE', 'RND', 'EQUIPMENT', 'BRIDGE', 'PRE_IPO']);
export const COLLATERAL = z.enum(['CREDIT', 'MORTGAGE', 'IP_PLEDGE', 'RECEIVABLES', 'GUARANTEE']);
export const DEMAND_STATUS = z.enum(['OPEN', 'MATCHED', 'OFFERED', 'ACCEPTED', 'FUNDED', 'WITHDRAWN', 'CLOSED']);
export const MATCH_STATUS = z.enum(['PROPOSED', 'INTERESTED', 'DECLINED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'WITHDRAWN']);
export const PRODUCT_STATUS = z.enum(['PUBLISHED', 'SUSPENDED']);
export const POLICY_TAG = z.enum(['SRDI_LOAN', 'RELENDING', 'REDISCOUNT', 'RENEWAL_WITHOUT_REPAYMENT', 'WHITELIST', 'GOV_BANK_GUARANTEE']);

export type Tier = z.infer<typeof TIER>;
export type Purpose = z.infer<typeof PURPOSE>;
export type Collateral = z.infer<typeof COLLATERAL>;
export type DemandStatus = z.infer<typeof DEMAND_STATUS>;
export type MatchStatus = z.infer<typeof MATCH_STATUS>;
export type ProductStatus = z.infer<typeof PRODUCT_STATUS>;
export type PolicyTag = z.infer<typeof POLICY_TAG>;

/** What other services need to know about an enterprise (企业画像). */
export const enterpriseSnapshot = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  industry: z.string(),
  town: z.string(),
  tier: TIER,
  whitelisted: z.boolean(),
  annualRevenue: z.number().int().nullable(),
  employees: z.number().int().nullable(),
  rdSuperDeductionFiled: z.number().int().nullable(),
  highValuePatents: z.number().int().nullable(),
});
export type EnterpriseSnapshot = z.infer<typeof enterpriseSnapshot>;

/** A financing demand (融资需求) as it stands after the change an event reports. */
export const demandSnapshot = z.object({
  demandId: z.string(),
  enterpriseId: z.string(),
  amount: z.number().int(),
  termMonths: z.number().int(),
  purpose: PURPOSE,
  collateral: COLLATERAL,
  maxAnnualRate: z.number().nullable(),
  needsGuarantee: z.boolean(),
  status: DEMAND_STATUS,
  createdAt: z.string().datetime(),
});
export type DemandSnapshot = z.infer<typeof demandSnapshot>;

/** A bank product (金融产品超市) as it stands; empty lists mean "any". */
export const productSnapshot = z.object({
  productId: z.string(),
  bankId: z.string(),
  name: z.string(),
  status: PRODUCT_STATUS,
  minAmount: z.number().int(),
  maxAmount: z.number().int(),
  minTermMonths: z.number().int(),
  maxTermMonths: z.number().int(),
  annualRateMin: z.number(),
  annualRateMax: z.number(),
  eligibleTiers: z.array(TIER),
  industries: z.array(z.string()),
  purposes: z.array(PURPOSE),
  collateralAccepted: z.array(COLLATERAL),
  requiresWhitelist: z.boolean(),
  requiresGuarantee: z.boolean(),
  rdUpliftThreshold: z.number().int().nullable(),
  rdUpliftRatio: z.number().nullable(),
  policyTags: z.array(POLICY_TAG),
  createdAt: z.string().datetime(),
});
export type ProductSnapshot = z.infer<typeof productSnapshot>;

export const offerSnapshot = z.object({
  amount: z.number().int(),
  annualRate: z.number(),
  termMonths: z.number().int(),
  conditions: z.string().nullable(),
});

/** A match (银企对接) as it stands after the change. */
export const matchSnapshot = z.object({
  matchId: z.string(),
  demandId: z.string(),
  enterpriseId: z.string(),
  productId: z.string(),
  bankId: z.string(),
  score: z.number(),
  status: MATCH_STATUS,
  offer: offerSnapshot.nullable(),
  /** Amount of the demand, so read models need not join. */
  amount: z.number().int(),
  needsGuarantee: z.boolean(),
  createdAt: z.string().datetime(),
});
export type MatchSnapshot = z.infer<typeof matchSnapshot>;
