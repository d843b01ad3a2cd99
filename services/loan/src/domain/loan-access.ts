import type { Principal } from '@yinqi/auth';
import { forbidden, notFound } from '@yinqi/errors';
import type { Loan } from './loan-record';
import type { LoanRepository } from './loan-repository';

/** An officer of the bank that lent the loan. */
export const isLender = (p: Principal, l: Loan) => p.role === 'BANK_OFFICER' && p.orgId === l.bankId;

/** Who sees a loan: the finance centre, the borrowing enterprise and the lending bank. */
export const mayView = (p: Principal, l: Loan) =>
  p.role === 'FINANCE_CENTER' || (p.role === 'ENTERPRISE' && p.orgId === l.enterpriseId) || isLender(p, l);

/** The loan when the caller may act on it: NOT_FOUND when there is none, FORBIDDEN for anyone but the actor. */
export async function loanFor(repo: LoanRepository, id: string, mayAct: (l: Loan) => boolean, what: string): Promise<Loan> {
  const l = await repo.findLoan(id);
  if (!l) throw notFound('Loan');
  if (!mayAct(l)) throw forbidden(what);
  return l;
}
