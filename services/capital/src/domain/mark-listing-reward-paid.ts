import type { Principal } from '@yinqi/auth';
import { listingRewardPaid, type ListingCandidateDto, type ListingStage } from '@yinqi/contracts';
import { conflict } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { ListingDeps } from './deps';
import { iso } from './iso-dates';
import { checkRewardPayable } from './listing';
import { candidateDtoFor, candidateSnapshot, changeCandidate, paidStages, requireFinanceCentre } from './listing-candidates';
import { SOURCE } from './records';

/**
 * 上市分阶段奖励 (item 32): marks a reached stage's reward paid, at the configured amount; CONFLICT
 * if not reached, none configured, or already paid.
 */
export async function markListingRewardPaid(
  deps: ListingDeps,
  p: Principal,
  enterpriseId: string,
  stage: ListingStage,
): Promise<ListingCandidateDto> {
  requireFinanceCentre(p);
  await deps.enterprises.require(enterpriseId);
  if (!(await deps.repo.candidates.find(enterpriseId)))
    throw conflict('The enterprise is not in the listing pipeline, so no reward is due');
  const at = deps.now();
  const { rewards } = deps;
  const c = await changeCandidate(deps, enterpriseId, (cur) => {
    const refused = checkRewardPayable(cur.stage, stage, paidStages(cur), rewards);
    if (refused) return refused;
    const amount = rewards[stage];
    return {
      set: { rewardsPaid: [...cur.rewardsPaid, { stage, amount, paidAt: at, paidBy: p.userId }] },
      event: (next) =>
        newEvent(listingRewardPaid, {
          key: enterpriseId,
          version: next.version,
          source: SOURCE,
          occurredAt: at,
          data: { candidate: candidateSnapshot(next, rewards), enterpriseId, stage, amount, at: iso(at), by: p.userId },
        }),
    };
  });
  deps.published();
  return candidateDtoFor(deps, c, p);
}
