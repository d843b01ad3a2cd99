import type { Principal } from '@yinqi/auth';
import { listingCoachAssigned, type ListingCandidateDto } from '@yinqi/contracts';
import { conflict } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { ListingDeps } from './deps';
import { iso } from './iso-dates';
import { candidateDtoFor, candidateSnapshot, changeCandidate, requireFinanceCentre } from './listing-candidates';
import { SOURCE } from './records';

/** 一对一上市辅导: the candidate must be in the pipeline (CONFLICT otherwise); a new coach replaces the old. */
export async function assignListingCoach(
  deps: ListingDeps,
  p: Principal,
  enterpriseId: string,
  coach: string,
): Promise<ListingCandidateDto> {
  requireFinanceCentre(p);
  await deps.enterprises.require(enterpriseId);
  if (!(await deps.repo.candidates.find(enterpriseId)))
    throw conflict('The enterprise is not in the listing pipeline yet; set its stage first');
  const at = deps.now();
  const c = await changeCandidate(deps, enterpriseId, (cur) =>
    cur.coach === coach
      ? null
      : {
          set: { coach },
          event: (next) =>
            newEvent(listingCoachAssigned, {
              key: enterpriseId,
              version: next.version,
              source: SOURCE,
              occurredAt: at,
              data: { candidate: candidateSnapshot(next, deps.rewards), enterpriseId, coach, at: iso(at), by: p.userId },
            }),
        },
  );
  deps.published();
  return candidateDtoFor(deps, c, p);
}
