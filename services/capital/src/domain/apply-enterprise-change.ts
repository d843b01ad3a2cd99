import type { EnterpriseSnapshot } from '@yinqi/contracts';
import type { EquityDeps } from './deps';
import { reconcileRound } from './reconcile-round';

/** enterprise.* : keeps our copy; a tier or industry change re-evaluates the enterprise's open rounds. */
export async function applyEnterpriseChange(deps: EquityDeps, e: EnterpriseSnapshot & { uscc?: string }, version: number): Promise<void> {
  // Not newer than our copy (a redelivery): apply nothing, but reconcile again from the stored
  // copy the matcher holds — the first delivery may have died after saving the copy and before
  // the rounds were reconciled, leaving them without their fund matches for good (the same
  // shape `npm run chaos` found in the matching service). Reconciling is idempotent.
  if (await deps.enterprises.save(e, version)) deps.matcher.putEnterprise(e.enterpriseId, e);
  for (const r of deps.matcher.openRoundsOf(e.enterpriseId)) await reconcileRound(deps, r.roundId);
}
