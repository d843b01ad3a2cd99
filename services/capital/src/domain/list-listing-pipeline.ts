import type { Principal } from '@yinqi/auth';
import type { ListingStage } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { PageArgs } from './capital-repository';
import type { ListingDeps } from './deps';
import { candidateDto } from './listing-candidates';

/** The pipeline board: FINANCE_CENTER and FUND_OFFICER (deal flow for funds); newest entries first. */
export async function listListingPipeline(deps: ListingDeps, p: Principal, stage: ListingStage | undefined, page: PageArgs) {
  if (p.role !== 'FINANCE_CENTER' && p.role !== 'FUND_OFFICER')
    throw forbidden('Only the finance centre and fund officers see the listing pipeline');
  const res = await deps.repo.candidates.page(stage ? { stage } : {}, page, (c) => c);
  const views = await deps.enterprises.views(
    res.edges.map((e) => e.node._id),
    p,
  );
  return {
    ...res,
    edges: res.edges.map((e) => ({ cursor: e.cursor, node: candidateDto(e.node, views.get(e.node._id) ?? null, deps.rewards) })),
  };
}
