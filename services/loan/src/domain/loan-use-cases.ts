import type { Principal } from '@yinqi/auth';
import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { GuaranteeRequestSnapshot, LoanStatus, MatchSnapshot, PolicySnapshot, RiskLevel } from '@yinqi/contracts';
import { decideRelief } from './decide-relief';
import { withDefaults, type LoanDepsInput } from './deps';
import { disburseLoan, type DisburseInput } from './disburse-loan';
import { getLoan, loansByIds } from './get-loan';
import { keepCalendar, keepGuarantee, keepMatch, keepPolicy } from './keep-copies';
import { listLoans } from './list-loans';
import { recordFollowUp } from './record-follow-up';
import { recordRepayment } from './record-repayment';
import { requestRelief, type ReliefRequest } from './request-relief';
import { sweepLoans } from './sweep-loans';

/**
 * Every loan use-case bound to one set of dependencies: the one object the routes, the consumers
 * and the sweep timer are given (main.ts). Each use-case lives in the file named after it.
 */
export function loanUseCases(input: LoanDepsInput) {
  const deps = withDefaults(input);
  return {
    onMatch: (m: MatchSnapshot, version: number) => keepMatch(deps, m, version),
    onGuarantee: (r: GuaranteeRequestSnapshot, version: number) => keepGuarantee(deps, r, version),
    onPolicy: (pol: PolicySnapshot, version: number) => keepPolicy(deps, pol, version),
    onCalendar: (c: WorkingCalendarSnapshot, version: number) => keepCalendar(deps, c, version),
    disburse: (p: Principal, matchId: string, i: DisburseInput) => disburseLoan(deps, p, matchId, i),
    repay: (p: Principal, loanId: string, amount: number, paidAt: Date) => recordRepayment(deps, p, loanId, amount, paidAt),
    followUp: (p: Principal, loanId: string, note: string, riskLevel: RiskLevel) => recordFollowUp(deps, p, loanId, note, riskLevel),
    requestRelief: (p: Principal, loanId: string, i: ReliefRequest) => requestRelief(deps, p, loanId, i),
    decideRelief: (p: Principal, reliefId: string, approve: boolean, note: string | null) => decideRelief(deps, p, reliefId, approve, note),
    get: (p: Principal, id: string) => getLoan(deps, p, id),
    byIds: (p: Principal, ids: string[]) => loansByIds(deps, p, ids),
    list: (p: Principal, status: LoanStatus | undefined, page: { first?: unknown; after?: unknown }) => listLoans(deps, p, status, page),
    sweep: (batch?: number) => sweepLoans(deps, batch),
  };
}
export type LoanUseCases = ReturnType<typeof loanUseCases>;
