import type { Principal } from '@yinqi/auth';
import { listingStageSet, type ListingCandidateDto, type ListingStage } from '@yinqi/contracts';
import { newEvent } from '@yinqi/events';
import { created } from './aggregate';
import type { ListingDeps } from './deps';
import { iso } from './iso-dates';
import { checkStageMove } from './listing';
import { candidateDtoFor, candidateSnapshot, changeCandidate, requireFinanceCentre } from './listing-candidates';
import { SOURCE, type CandidateRecord, type StageEntry } from './records';

interface StageSet {
  enterpriseId: string;
  stage: ListingStage;
  note: string | null;
  entry: StageEntry;
  by: string;
}

/**
 * 上市后备 → 新三板 → 北交所: the finance centre enters the enterprise into the pipeline at any
 * stage, or moves it forward (skipping allowed); the same stage or an earlier one is CONFLICT and
 * writes nothing.
 */
export async function setListingStage(
  deps: ListingDeps,
  p: Principal,
  enterpriseId: string,
  stage: ListingStage,
  note: string | null,
): Promise<ListingCandidateDto> {
  requireFinanceCentre(p);
  await deps.enterprises.require(enterpriseId);
  const set: StageSet = { enterpriseId, stage, note, entry: { stage, at: deps.now(), by: p.userId, note }, by: p.userId };
  if (!(await deps.repo.candidates.find(enterpriseId))) {
    const entered = await enterPipeline(deps, set);
    if (entered) return candidateDtoFor(deps, entered, p);
    // Someone entered it at the same moment: decide against theirs.
  }
  const c = await moveForward(deps, set);
  deps.published();
  return candidateDtoFor(deps, c, p);
}

/** A new candidate at `stage`; null when another writer inserted it first. */
async function enterPipeline(deps: ListingDeps, { enterpriseId, stage, note, entry, by }: StageSet): Promise<CandidateRecord | null> {
  const at = entry.at;
  const record = created<CandidateRecord, typeof listingStageSet.schema>(
    { _id: enterpriseId, stage, coach: null, history: [entry], rewardsPaid: [] },
    at,
    listingStageSet,
    (r) => ({ candidate: candidateSnapshot(r, deps.rewards), enterpriseId, stage, previousStage: null, at: iso(at), by, note }),
  );
  if (!(await deps.repo.candidates.insert(record))) return null;
  deps.published();
  return record;
}

function moveForward(deps: ListingDeps, { enterpriseId, stage, note, entry, by }: StageSet) {
  const at = entry.at;
  return changeCandidate(deps, enterpriseId, (cur) => {
    const refused = checkStageMove(cur.stage, stage);
    if (refused) return refused;
    return {
      set: { stage, history: [...cur.history, entry] },
      event: (next) =>
        newEvent(listingStageSet, {
          key: enterpriseId,
          version: next.version,
          source: SOURCE,
          occurredAt: at,
          data: {
            candidate: candidateSnapshot(next, deps.rewards),
            enterpriseId,
            stage,
            previousStage: cur.stage,
            at: iso(at),
            by,
            note,
          },
        }),
    };
  });
}
