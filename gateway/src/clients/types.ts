/** Shapes the services answer with (internal REST). GraphQL object fields that point at other
 * aggregates (`bank`, `enterprise`, `demand`, `product`) are resolved by the gateway from the ids. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface EnterpriseDto {
  id: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
  tier: string;
  whitelisted: boolean;
  annualRevenue: number | null;
  employees: number | null;
  rdSuperDeductionFiled: number | null;
  highValuePatents: number | null;
}

export interface DemandDto {
  id: string;
  enterpriseId: string;
  amount: number;
  termMonths: number;
  purpose: string;
  collateral: string;
  maxAnnualRate: number | null;
  needsGuarantee: boolean;
  description: string | null;
  status: string;
  createdAt: string;
}

export interface ProductDto {
  id: string;
  bankId: string;
  name: string;
  status: 'PUBLISHED' | 'SUSPENDED';
  minAmount: number;
  maxAmount: number;
  minTermMonths: number;
  maxTermMonths: number;
  annualRateMin: number;
  annualRateMax: number;
  eligibleTiers: string[];
  industries: string[];
  purposes: string[];
  collateralAccepted: string[];
  requiresWhitelist: boolean;
  requiresGuarantee: boolean;
  rdUpliftThreshold: number | null;
  rdUpliftRatio: number | null;
  policyTags: string[];
  createdAt: string;
}

export interface MatchDto {
  id: string;
  demandId: string;
  enterpriseId: string;
  productId: string;
  bankId: string;
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  status: string;
  offer: { amount: number; annualRate: number; termMonths: number; conditions: string | null; allInAnnualRate: number } | null;
  createdAt: string;
  /** By when the bank must answer (matching's SLA on the working calendar); absent in copies other services keep. */
  responseDeadline?: string | null;
}

/** Query-string form of page arguments. */
export const pageQuery = (args: PageArgs) => ({
  ...(args.first != null ? { first: args.first } : {}),
  ...(args.after != null ? { after: args.after } : {}),
});
