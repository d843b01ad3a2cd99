import type { ListingStage } from '@yinqi/contracts';
import type { EquityDeps } from './deps';
import { reconcileRound } from './reconcile-round';

/** listing.stage-set: the listing stage is a mandate criterion, so the enterprise's open rounds are matched again. */
export async function applyListingStage(deps: EquityDeps, enterpriseId: string, stage: ListingStage, version: number): Promise<void> {
  if (!deps.matcher.putStage(enterpriseId, stage, version)) return;
  for (const r of deps.matcher.openRoundsOf(enterpriseId)) await reconcileRound(deps, r.roundId);
}
