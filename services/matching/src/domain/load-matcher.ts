import type { Deps } from './deps';

/** The matcher's memory, rebuilt at start from this service's own copies. */
export async function loadMatcher({ repo, matcher, logger, onPolicyTarget }: Deps): Promise<void> {
  for (const e of await repo.allEnterprises()) matcher.putEnterprise(e);
  for (const p of await repo.publishedProducts()) matcher.putProduct(p);
  for (const d of await repo.liveDemands()) matcher.putDemand(d);
  const policy = await repo.findPolicy();
  if (policy) onPolicyTarget(policy.guaranteeFeeRateTarget);
  const matches = await repo.loadIndex();
  logger.info({ products: matcher.productCount, demands: matcher.openDemandCount, matches }, 'matcher loaded');
}
