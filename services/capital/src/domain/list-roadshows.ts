import type { Principal } from '@yinqi/auth';
import type { PageArgs } from './capital-repository';
import type { CapitalDeps } from './deps';
import { roadshowDto, visibleLeads } from './roadshows';

/** Any signed-in user; `upcoming` true: not started yet, false: started; newest scheduled first. */
export async function listRoadshows(deps: CapitalDeps, p: Principal, upcoming: boolean | undefined, page: PageArgs) {
  const res = await deps.repo.roadshows.pageByStart(upcoming === undefined ? undefined : { upcoming, at: deps.now() }, page, (r) => r);
  const ids = res.edges.flatMap((e) => [
    ...e.node.participants.map((x) => x.enterpriseId),
    ...visibleLeads(p, e.node.leads).map((l) => l.enterpriseId),
  ]);
  const views = await deps.enterprises.views(ids, p);
  return {
    ...res,
    edges: await Promise.all(res.edges.map(async (e) => ({ cursor: e.cursor, node: await roadshowDto(deps, e.node, p, views) }))),
  };
}
