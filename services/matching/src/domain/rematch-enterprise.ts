import type { EnterpriseSnapshot } from '@yinqi/contracts';
import type { Deps } from './deps';
import { reconcileDemand } from './reconcile-demand';

/** A profile, tier or white-list change re-evaluates that enterprise's open demands. */
export async function rematchEnterprise(deps: Deps, e: EnterpriseSnapshot, version: number): Promise<void> {
  // Not newer than the copy: apply nothing, but still bring the demands in line with what is
  // stored (see matchDemand). The matcher holds the stored copy, so a stale profile changes nothing.
  if (await deps.repo.saveEnterprise(e, version)) deps.matcher.putEnterprise(e);
  for (const d of deps.matcher.openDemandsOf(e.enterpriseId)) await reconcileDemand(deps, d);
}
