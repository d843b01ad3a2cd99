import type { DemandSnapshot } from '@yinqi/contracts';
import type { Deps } from './deps';
import { reconcileDemand } from './reconcile-demand';

const LIVE = ['OPEN', 'MATCHED'];

/** A demand posted, withdrawn or moved on: its matches follow. */
export async function matchDemand(deps: Deps, d: DemandSnapshot, version: number): Promise<void> {
  if (!(await deps.repo.saveDemand(d, version))) {
    // The copy is already this new: a redelivery. The first delivery may have died (kill -9, a
    // database error) after saving the copy and before writing the matches, and its offset was
    // not committed — so do the matching again from the stored copy. Idempotent: a (demand,
    // product) pair has one match id, existing matches are kept. (Found by `npm run chaos`.)
    const stored = await deps.repo.findDemandCopy(d.demandId);
    if (stored) await reconcileDemand(deps, stored);
    return;
  }
  const previous = deps.matcher.demand(d.demandId);
  deps.matcher.putDemand(d);
  // A status move between OPEN and MATCHED (caused by our own proposals) changes nothing to match.
  const onlyMatchedFlag = previous && LIVE.includes(previous.status) && LIVE.includes(d.status);
  if (!onlyMatchedFlag) await reconcileDemand(deps, d);
}
