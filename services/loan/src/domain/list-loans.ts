import type { Principal } from '@yinqi/auth';
import type { LoanStatus } from '@yinqi/contracts';
import type { LoanDeps } from './deps';
import { toLoanDto } from './loan-view';

/** The loans a caller's role sees: none for a role without an organisation of its own. */
const scopeOf = (p: Principal): Record<string, unknown> =>
  p.role === 'FINANCE_CENTER'
    ? {}
    : p.role === 'ENTERPRISE' && p.orgId
      ? { enterpriseId: p.orgId }
      : p.role === 'BANK_OFFICER' && p.orgId
        ? { bankId: p.orgId }
        : { _id: '\u0000none' };

/** Loans scoped like demands: the enterprise's own, the bank's own, all for the finance centre. */
export async function listLoans(
  { repo }: LoanDeps,
  p: Principal,
  status: LoanStatus | undefined,
  page: { first?: unknown; after?: unknown },
) {
  return repo.page({ ...scopeOf(p), ...(status ? { status } : {}) }, page, (l) => toLoanDto(l));
}
