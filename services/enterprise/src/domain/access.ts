import type { Principal } from '@yinqi/auth';
import type { Demand, Enterprise } from './records';

/** What the access rules need to know about an enterprise or a demand. */
export interface Relations {
  /** The enterprise itself, or the demand's owner. */
  enterpriseId: string;
  /** Banks with a match on it. */
  bankIds: readonly string[];
  /** Guarantee institutions with a guarantee request on it (hook: the guarantee service fills it later). */
  guarantorIds: readonly string[];
}

/** Whether an officer's institution is related to the enterprise or demand through a match or guarantee request. */
function institutionRelated(p: Principal, r: Relations): boolean {
  if (!p.orgId) return false;
  if (p.role === 'BANK_OFFICER') return r.bankIds.includes(p.orgId);
  if (p.role === 'GUARANTOR_OFFICER') return r.guarantorIds.includes(p.orgId);
  return false;
}

const isOwner = (p: Principal, r: Relations) => p.role === 'ENTERPRISE' && p.orgId !== undefined && p.orgId === r.enterpriseId;

/** 企业画像: the finance centre, the enterprise itself, or an institution that has a match/guarantee request with it. */
export function canSeeEnterprise(p: Principal, r: Relations): boolean {
  return p.role === 'FINANCE_CENTER' || isOwner(p, r) || institutionRelated(p, r);
}

/** 融资需求: its owner, the finance centre, or an institution that has a match/guarantee request on it. */
export function canSeeDemand(p: Principal, r: Relations): boolean {
  return p.role === 'FINANCE_CENTER' || isOwner(p, r) || institutionRelated(p, r);
}

/** Only the owning enterprise changes its demand. */
export const ownsDemand = isOwner;

export const relationsOfEnterprise = (e: Enterprise): Relations => ({
  enterpriseId: e._id,
  bankIds: e.bankIds ?? [],
  guarantorIds: e.guarantorIds ?? [],
});

export const relationsOfDemand = (d: Demand): Relations => ({
  enterpriseId: d.enterpriseId,
  bankIds: d.bankIds ?? [],
  guarantorIds: d.guarantorIds ?? [],
});
