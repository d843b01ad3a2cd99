import type { ProductDto, ProductSnapshot } from '@yinqi/contracts';
import type { Product } from './records';

/** What product events carry. */
export const toSnapshot = (p: Product): ProductSnapshot => ({
  productId: p._id,
  bankId: p.bankId,
  name: p.name,
  status: p.status,
  minAmount: p.minAmount,
  maxAmount: p.maxAmount,
  minTermMonths: p.minTermMonths,
  maxTermMonths: p.maxTermMonths,
  annualRateMin: p.annualRateMin,
  annualRateMax: p.annualRateMax,
  eligibleTiers: p.eligibleTiers,
  industries: p.industries,
  purposes: p.purposes,
  collateralAccepted: p.collateralAccepted,
  requiresWhitelist: p.requiresWhitelist,
  requiresGuarantee: p.requiresGuarantee,
  rdUpliftThreshold: p.rdUpliftThreshold ?? null,
  rdUpliftRatio: p.rdUpliftRatio ?? null,
  policyTags: p.policyTags,
  createdAt: new Date(p.createdAt).toISOString(),
});

/** What the REST API answers with. */
export const toDto = (p: Product): ProductDto => {
  const { productId, ...rest } = toSnapshot(p);
  return { id: productId, ...rest };
};
