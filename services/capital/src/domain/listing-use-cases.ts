import type { Principal } from '@yinqi/auth';
import type { ListingStage } from '@yinqi/contracts';
import { assignListingCoach } from './assign-listing-coach';
import type { PageArgs } from './capital-repository';
import { withClock, type ListingDeps, type WithOptionalClock } from './deps';
import { listListingPipeline } from './list-listing-pipeline';
import { markListingRewardPaid } from './mark-listing-reward-paid';
import { setListingStage } from './set-listing-stage';

/** The listing pipeline's use-cases (one file each), bound to their dependencies for the routes. */
export function listingUseCases(input: WithOptionalClock<ListingDeps>) {
  const deps = withClock<ListingDeps>(input);
  return {
    setStage: (p: Principal, enterpriseId: string, stage: ListingStage, note: string | null) =>
      setListingStage(deps, p, enterpriseId, stage, note),
    assignCoach: (p: Principal, enterpriseId: string, coach: string) => assignListingCoach(deps, p, enterpriseId, coach),
    markRewardPaid: (p: Principal, enterpriseId: string, stage: ListingStage) => markListingRewardPaid(deps, p, enterpriseId, stage),
    pipeline: (p: Principal, stage: ListingStage | undefined, page: PageArgs) => listListingPipeline(deps, p, stage, page),
  };
}
export type ListingUseCases = ReturnType<typeof listingUseCases>;
