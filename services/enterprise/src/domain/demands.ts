import type { Principal } from '@yinqi/auth';
import type { MatchSnapshot } from '@yinqi/contracts';
import { applyMatchEvent } from './apply-match-event';
import type { DemandDeps } from './demand-deps';
import { postDemand } from './post-demand';
import { demandsByIds, getDemand, myDemands } from './read-demands';
import type { DemandInput } from './schemas';
import { withdrawDemand } from './withdraw-demand';

/** The demand use-cases bound to their dependencies, as the routes and consumers call them. */
export function demandUseCases(input: Omit<DemandDeps, 'now'> & { now?: () => Date }) {
  const deps: DemandDeps = { ...input, now: input.now ?? (() => new Date()) };
  return {
    postDemand: (p: Principal, demand: DemandInput) => postDemand(deps, p, demand),
    withdrawDemand: (p: Principal, id: string) => withdrawDemand(deps, p, id),
    demand: (p: Principal, id: string) => getDemand(deps, p, id),
    demandsByIds: (p: Principal, ids: string[]) => demandsByIds(deps, p, ids),
    myDemands: (p: Principal) => myDemands(deps, p),
    applyMatchEvent: (match: MatchSnapshot, version: number) => applyMatchEvent(deps, match, version),
  };
}
export type DemandUseCases = ReturnType<typeof demandUseCases>;
