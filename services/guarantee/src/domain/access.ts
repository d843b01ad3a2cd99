import type { Principal } from '@yinqi/auth';
import { forbidden } from '@yinqi/errors';
import type { GuaranteeRequest } from './records';

/**
 * The list filter of guaranteeRequests for a caller: a guarantor officer sees the OPEN ones (to
 * quote) and those its institution quoted on; an enterprise its own; the finance centre all.
 * `$and` keeps the guarantor's `$or` apart from the one keyset pagination adds.
 */
export function requestFilter(p: Principal, status?: string): Record<string, unknown> {
  const byStatus = status ? { status } : {};
  switch (p.role) {
    case 'FINANCE_CENTER':
      return byStatus;
    case 'ENTERPRISE':
      if (!p.orgId) throw forbidden('An enterprise account without an enterprise');
      return { ...byStatus, enterpriseId: p.orgId };
    case 'GUARANTOR_OFFICER':
      if (!p.orgId) throw forbidden('A guarantor officer without an institution');
      return { ...byStatus, $and: [{ $or: [{ status: 'OPEN' }, { guarantorIds: p.orgId }] }] };
    default:
      throw forbidden('Only guarantor officers, enterprises and the finance centre see guarantee requests');
  }
}

/** The same rule for one request already read. */
export function canSeeRequest(p: Principal, r: Pick<GuaranteeRequest, 'status' | 'enterpriseId' | 'guarantorIds'>): boolean {
  switch (p.role) {
    case 'FINANCE_CENTER':
      return true;
    case 'ENTERPRISE':
      return p.orgId !== undefined && r.enterpriseId === p.orgId;
    case 'GUARANTOR_OFFICER':
      return p.orgId !== undefined && (r.status === 'OPEN' || r.guarantorIds.includes(p.orgId));
    default:
      return false;
  }
}

/**
 * Quotes compete: a guarantor officer sees only its own institution's quote, never a rival's
 * fee; the enterprise and the finance centre see them all.
 */
export function visibleQuotes<Q extends { guarantorId: string }>(p: Principal, quotes: Q[]): Q[] {
  return p.role === 'GUARANTOR_OFFICER' ? quotes.filter((q) => q.guarantorId === p.orgId) : quotes;
}
