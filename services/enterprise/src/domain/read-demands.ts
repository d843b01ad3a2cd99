import type { Principal } from '@yinqi/auth';
import type { DemandDto } from '@yinqi/contracts';
import { forbidden, notFound } from '@yinqi/errors';
import { canSeeDemand, relationsOfDemand } from './access';
import type { DemandDeps } from './demand-deps';
import { demandView } from './views';

/** myDemands has no pagination in the contract; a bound keeps one answer small. */
const MY_DEMANDS_LIMIT = 200;

type ReadDeps = Pick<DemandDeps, 'repo'>;

export async function getDemand({ repo }: ReadDeps, p: Principal, id: string): Promise<DemandDto> {
  const d = await repo.findDemand(id);
  if (!d) throw notFound('Demand');
  if (!canSeeDemand(p, relationsOfDemand(d))) throw forbidden('You may not see this demand');
  return demandView(d);
}

/** Batch read for the gateway's DataLoader: only those the caller may see. */
export async function demandsByIds({ repo }: ReadDeps, p: Principal, ids: string[]): Promise<DemandDto[]> {
  if (ids.length === 0) return [];
  return (await repo.findDemands(ids)).filter((d) => canSeeDemand(p, relationsOfDemand(d))).map(demandView);
}

/** Newest first; read from the same primary the post wrote to, so a posted demand is there at once. */
export async function myDemands({ repo }: ReadDeps, p: Principal): Promise<DemandDto[]> {
  if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only an enterprise account has demands');
  return (await repo.demandsOfEnterprise(p.orgId, MY_DEMANDS_LIMIT)).map(demandView);
}
