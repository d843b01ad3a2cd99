import type { BondReserveItemDto, BondReserveItemSnapshot, CapitalEnterpriseDto } from '@yinqi/contracts';
import type { BondRecord, Stored } from './records';

/** A bond reserve item as its event carries it. */
export const bondSnapshot = (b: Stored<BondRecord>): BondReserveItemSnapshot => ({
  itemId: b._id,
  enterpriseId: b.enterpriseId,
  amount: b.amount,
  purpose: b.purpose,
  plannedQuarter: b.plannedQuarter,
  createdAt: new Date(b.createdAt).toISOString(),
  createdBy: b.createdBy,
});

export const bondDto = (b: Stored<BondRecord>, e: CapitalEnterpriseDto | null): BondReserveItemDto => ({
  id: b._id,
  enterpriseId: b.enterpriseId,
  enterprise: e,
  amount: b.amount,
  purpose: b.purpose,
  plannedQuarter: b.plannedQuarter,
  createdAt: new Date(b.createdAt).toISOString(),
});
