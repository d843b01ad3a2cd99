import type { Principal } from '@yinqi/auth';
import type { LoanDto } from '@yinqi/contracts';
import { notFound } from '@yinqi/errors';
import type { LoanDeps } from './deps';
import { mayView } from './loan-access';
import { toLoanDto } from './loan-view';

/** One loan; NOT_FOUND also for a loan the caller may not see, so its existence does not leak. */
export async function getLoan({ repo }: LoanDeps, p: Principal, id: string): Promise<LoanDto> {
  const l = await repo.findLoan(id);
  if (!l || !mayView(p, l)) throw notFound('Loan');
  return toLoanDto(l);
}

/** The loans of `ids` the caller may see (the gateway's batch loader); the others are left out. */
export async function loansByIds({ repo }: LoanDeps, p: Principal, ids: string[]): Promise<LoanDto[]> {
  return (await repo.loansByIds(ids)).filter((l) => mayView(p, l)).map(toLoanDto);
}
