import type { Collateral, DemandStatus, Purpose, Tier } from '../domain';

/** An enterprise profile (企业画像) as the enterprise service answers it over REST. */
export interface EnterpriseDto {
  id: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
  tier: Tier;
  whitelisted: boolean;
  annualRevenue: number | null;
  employees: number | null;
  rdSuperDeductionFiled: number | null;
  highValuePatents: number | null;
}

/** A financing demand (融资需求) as the enterprise service answers it over REST. */
export interface DemandDto {
  id: string;
  enterpriseId: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  collateral: Collateral;
  maxAnnualRate: number | null;
  needsGuarantee: boolean;
  description: string | null;
  status: DemandStatus;
  createdAt: string;
}
