import type { Collateral, EventEnvelope, PolicyTag, ProductStatus, Purpose, Tier } from '@yinqi/contracts';

/** A bank product (金融产品超市) as stored; empty lists mean "any". */
export interface ProductRecord {
  _id: string;
  bankId: string;
  name: string;
  status: ProductStatus;
  minAmount: number;
  maxAmount: number;
  minTermMonths: number;
  maxTermMonths: number;
  annualRateMin: number;
  annualRateMax: number;
  eligibleTiers: Tier[];
  industries: string[];
  purposes: Purpose[];
  collateralAccepted: Collateral[];
  requiresWhitelist: boolean;
  requiresGuarantee: boolean;
  rdUpliftThreshold: number | null;
  rdUpliftRatio: number | null;
  policyTags: PolicyTag[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

export type Product = Omit<ProductRecord, 'outbox'>;
