import type { Principal } from '@yinqi/auth';
import type { EnterpriseDto } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import { forbidden, notFound } from '@yinqi/errors';
import { canSeeEnterprise, relationsOfEnterprise } from './access';
import type { EnterpriseDeps } from './deps';
import type { EnterpriseListFilter } from './repository';
import { waitForProfile } from './own-profile';
import { enterpriseView } from './views';

type ReadDeps = Pick<EnterpriseDeps, 'repo' | 'profileWaitMs' | 'sleep'>;

/** One profile, for whoever may see it; the enterprise's own waits (bounded) for its registration. */
export async function getEnterprise(deps: ReadDeps, p: Principal, id: string): Promise<EnterpriseDto> {
  let e = await deps.repo.findEnterprise(id);
  if (!e && p.role === 'ENTERPRISE' && p.orgId === id) e = await waitForProfile(deps, id);
  if (!e) throw notFound('Enterprise');
  if (!canSeeEnterprise(p, relationsOfEnterprise(e))) throw forbidden('You may not see this enterprise');
  return enterpriseView(e);
}

/** Batch read for the gateway's DataLoader: only those the caller may see, in no particular order. */
export async function enterprisesByIds(deps: ReadDeps, p: Principal, ids: string[]): Promise<EnterpriseDto[]> {
  if (ids.length === 0) return [];
  const found = await deps.repo.findEnterprises(ids);
  if (p.role === 'ENTERPRISE' && p.orgId && ids.includes(p.orgId) && !found.some((e) => e._id === p.orgId)) {
    const own = await waitForProfile(deps, p.orgId);
    if (own) found.push(own);
  }
  return found.filter((e) => canSeeEnterprise(p, relationsOfEnterprise(e))).map(enterpriseView);
}

/** 梯度培育库 browsing and search for the finance centre, newest registrations first. */
export async function listEnterprises(
  { repo }: Pick<EnterpriseDeps, 'repo'>,
  p: Principal,
  args: EnterpriseListFilter & { first?: unknown; after?: unknown },
): Promise<Page<EnterpriseDto>> {
  if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre lists enterprises');
  const { first, after, ...filter } = args;
  const page = await repo.pageEnterprises(filter, { first, after });
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: enterpriseView(edge.node) })) };
}
