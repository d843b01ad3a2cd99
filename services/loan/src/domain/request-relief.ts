import { randomBytes } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import type { WorkingCalendar } from '@yinqi/calendar';
import { loanReliefRequested, type ReliefDto, type ReliefKind } from '@yinqi/contracts';
import { badInput, conflict, type AppError } from '@yinqi/errors';
import type { LoanDeps } from './deps';
import { loanFor } from './loan-access';
import { scheduleOf, type Loan, type ReliefRecord } from './loan-record';
import { reliefSnapshotOf, toReliefDto } from './loan-view';
import { currentCalendar, currentPolicy, DEFAULT_POLICY } from './policy';
import { bridgeOutOfWindow, inBridgeWindow, inRenewalWindow, principalFallingDue, renewalTooEarly } from './relief';
import { maturityOf } from './schedule';
import { transition } from './transition';

export interface ReliefRequest {
  kind: ReliefKind;
  reason: string;
  months?: number | null;
  amount?: number | null;
}

/** A deferral says for how many months, a bridge fund how much. */
function checkRequest(input: ReliefRequest): void {
  if (input.kind === 'DEFERRAL' && input.months == null) throw badInput('months: a deferral needs 1 to 12 months', { field: 'months' });
  if (input.kind === 'BRIDGE_FUND' && input.amount == null)
    throw badInput('amount: a bridge fund request needs an amount', { field: 'amount' });
}

function newRelief(deps: LoanDeps, p: Principal, loanId: string, input: ReliefRequest): ReliefRecord {
  return {
    reliefId: `${loanId}-${randomBytes(6).toString('hex')}`,
    kind: input.kind,
    status: 'PENDING',
    reason: input.reason,
    months: input.kind === 'DEFERRAL' ? input.months! : null,
    amount: input.kind === 'BRIDGE_FUND' ? input.amount! : null,
    requestedAt: deps.now(),
    requestedBy: p.userId,
    decidedAt: null,
    decidedBy: null,
    note: null,
  };
}

interface Judged {
  relief: ReliefRecord;
  policy: typeof DEFAULT_POLICY;
  calendar: WorkingCalendar;
}

/** Why the loan as it stands now cannot take this request, or null when it can. */
function refusal(deps: LoanDeps, cur: Loan, { relief, policy, calendar }: Judged): AppError | null {
  if (cur.status === 'CLOSED') return conflict('The loan is closed');
  if (cur.reliefs.some((r) => r.kind === relief.kind && r.status === 'PENDING'))
    return conflict(`A ${relief.kind} request for this loan is already pending`);
  if (relief.kind === 'RENEWAL_WITHOUT_REPAYMENT' && !inRenewalWindow(new Date(cur.maturityDate), deps.now(), deps.renewalWindowDays))
    return renewalTooEarly(cur.maturityDate, deps.renewalWindowDays);
  if (relief.kind === 'BRIDGE_FUND') {
    const schedule = scheduleOf(cur);
    const due = principalFallingDue(schedule);
    if (relief.amount! > due) return badInput(`amount: at most the principal falling due (${due} yuan)`, { field: 'amount', max: due });
    const maturity = maturityOf(schedule);
    if (!inBridgeWindow(maturity, deps.now(), policy.bridgeRequestWindowDays, calendar))
      return bridgeOutOfWindow(maturity, policy.bridgeRequestWindowDays, calendar);
  }
  return null;
}

/** The borrowing enterprise asks for relief; one PENDING request per kind per loan. */
export async function requestRelief(deps: LoanDeps, p: Principal, loanId: string, input: ReliefRequest): Promise<ReliefDto> {
  await loanFor(
    deps.repo,
    loanId,
    (l) => p.role === 'ENTERPRISE' && p.orgId === l.enterpriseId,
    'Only the borrowing enterprise requests relief',
  );
  checkRequest(input);
  const policy = input.kind === 'BRIDGE_FUND' ? await currentPolicy(deps.repo) : DEFAULT_POLICY;
  const calendar = await currentCalendar(deps.repo);
  const relief = newRelief(deps, p, loanId, input);
  await transition(deps, loanId, (cur) => {
    const refused = refusal(deps, cur, { relief, policy, calendar });
    if (refused) return refused;
    return {
      set: { reliefs: [...cur.reliefs, relief] },
      events: [{ def: loanReliefRequested, extra: { relief: reliefSnapshotOf(relief) } }],
    };
  });
  return toReliefDto(loanId, relief);
}
