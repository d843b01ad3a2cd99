import type { EquityRoundSnapshot } from '@yinqi/contracts';
import type { EquityDeps } from './deps';
import { reconcileRound } from './reconcile-round';

/** equity.round-posted / round-closed: a posted round is matched, a closed one's unanswered matches withdrawn. */
export async function applyRoundChange(deps: EquityDeps, r: EquityRoundSnapshot, version: number): Promise<void> {
  if (!deps.matcher.putRound({ roundId: r.roundId, enterpriseId: r.enterpriseId, amount: r.amount, status: r.status }, version)) return;
  await reconcileRound(deps, r.roundId);
}
