import type { Principal } from '@yinqi/auth';
import { demandWithdrawn, type DemandDto } from '@yinqi/contracts';
import { conflict, forbidden, notFound } from '@yinqi/errors';
import { ownsDemand, relationsOfDemand } from './access';
import type { DemandDeps } from './demand-deps';
import { isFinal } from './demand-status';
import { eventAbout } from './deps';
import { withOptimisticRetry } from './optimistic';
import { demandSnapshot, demandView } from './views';

/** The owner withdraws; a second withdrawal answers the withdrawn demand, a funded one cannot be withdrawn. */
export async function withdrawDemand({ repo, published, now }: DemandDeps, p: Principal, id: string): Promise<DemandDto> {
  if (p.role !== 'ENTERPRISE') throw forbidden('Only the enterprise that posted a demand withdraws it');
  return withOptimisticRetry('Demand', async () => {
    const d = await repo.findDemand(id);
    if (!d) throw notFound('Demand');
    if (!ownsDemand(p, relationsOfDemand(d))) throw forbidden('Only the enterprise that posted a demand withdraws it');
    if (d.status === 'WITHDRAWN') return demandView(d);
    if (isFinal(d.status)) throw conflict(`A ${d.status.toLowerCase()} demand cannot be withdrawn`);
    const next = { ...d, status: 'WITHDRAWN' as const, version: d.version + 1 };
    const event = eventAbout(demandWithdrawn, next, now(), { demand: demandSnapshot(next) });
    if (!(await repo.updateDemand(d._id, d.version, { set: { status: 'WITHDRAWN' }, event }))) return undefined;
    published(d._id);
    return demandView(next);
  });
}
