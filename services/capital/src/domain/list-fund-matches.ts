import type { Principal } from '@yinqi/auth';
import { forbidden } from '@yinqi/errors';
import type { PageArgs } from './capital-repository';
import type { EquityDeps } from './deps';
import { matchDtos } from './equity-dtos';

/** FUND_OFFICER: its fund's match inbox, newest first. */
export async function listFundMatches(deps: EquityDeps, p: Principal, page: PageArgs) {
  if (p.role !== 'FUND_OFFICER' || !p.orgId) throw forbidden('Only fund officers have a fund match inbox');
  const res = await deps.repo.matches.page({ fundId: p.orgId }, page, (m) => m);
  const dtos = await matchDtos(
    deps,
    res.edges.map((e) => e.node),
    p,
  );
  return { ...res, edges: res.edges.map((e, i) => ({ cursor: e.cursor, node: dtos[i]! })) };
}
