import { demandStatusChanged, type MatchSnapshot } from '@yinqi/contracts';
import { badInput } from '@yinqi/errors';
import type { DemandDeps } from './demand-deps';
import { applyMatchUpdate, isStorableMatchId } from './demand-status';
import { eventAbout } from './deps';
import { withOptimisticRetry } from './optimistic';
import type { Demand } from './records';
import { demandSnapshot } from './views';

export type MatchEventOutcome = 'applied' | 'duplicate' | 'unknown-demand';

/** One attempt: folds the match into the demand with a version-conditional write; undefined when the write lost a race. */
async function foldMatch(
  { repo, published, now }: DemandDeps,
  d: Demand,
  match: MatchSnapshot,
  version: number,
): Promise<MatchEventOutcome | undefined> {
  const r = applyMatchUpdate(
    { status: d.status, matches: d.matches ?? {}, bankIds: d.bankIds ?? [] },
    { matchId: match.matchId, status: match.status, bankId: match.bankId, version },
  );
  if (!r.applied) return 'duplicate';
  const changed = r.status !== d.status;
  const next = { ...d, status: r.status, version: d.version + 1 };
  const event = changed
    ? eventAbout(demandStatusChanged, next, now(), { demand: demandSnapshot(next), previousStatus: d.status })
    : undefined;
  if (!(await repo.updateDemand(d._id, d.version, { set: { matches: r.matches, status: r.status, bankIds: r.bankIds }, event })))
    return undefined;
  if (event) published(d._id);
  return 'applied';
}

/**
 * A match event moves its demand's status (see deriveDemandStatus). The bank is recorded on
 * the enterprise before the demand, so a bank that can read the demand can read its enterprise.
 */
export async function applyMatchEvent(deps: DemandDeps, match: MatchSnapshot, version: number): Promise<MatchEventOutcome> {
  if (!isStorableMatchId(match.matchId)) throw badInput(`matchId ${JSON.stringify(match.matchId.slice(0, 80))} cannot be stored as a key`);
  await deps.enterprises.recordBankRelation(match.enterpriseId, match.bankId);
  return withOptimisticRetry<MatchEventOutcome>('Demand', async () => {
    const d = await deps.repo.findDemand(match.demandId);
    if (!d) return 'unknown-demand';
    if (d.enterpriseId !== match.enterpriseId)
      throw badInput(`match ${match.matchId} names enterprise ${match.enterpriseId}, but demand ${d._id} belongs to another`);
    return foldMatch(deps, d, match, version);
  });
}
