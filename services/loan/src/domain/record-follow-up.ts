import type { Principal } from '@yinqi/auth';
import { loanFollowedUp, type LoanDto, type RiskLevel } from '@yinqi/contracts';
import type { LoanDeps } from './deps';
import { isLender, loanFor } from './loan-access';
import { toLoanDto } from './loan-view';
import { transition } from './transition';

/** 贷后跟踪: the lending bank's follow-up note with its risk assessment. */
export async function recordFollowUp(deps: LoanDeps, p: Principal, loanId: string, note: string, riskLevel: RiskLevel): Promise<LoanDto> {
  await loanFor(deps.repo, loanId, (l) => isLender(p, l), 'Only an officer of the lending bank records follow-ups');
  const at = deps.now();
  const l = await transition(deps, loanId, (cur) => ({
    set: { followUps: [...cur.followUps, { note, riskLevel, at, by: p.userId }] },
    events: [{ def: loanFollowedUp, extra: { riskLevel, at: at.toISOString() } }],
  }));
  return toLoanDto(l);
}
