import type { DemandSnapshot } from '@yinqi/contracts';
import type { Deps } from './deps';
import { checkEligibility } from './eligibility';
import { OPEN_FOR_REJECTION, PRE_OFFER, type Match } from './match';
import { proposeAll } from './proposals';
import { rejectOthers, withdraw } from './withdrawals';

/** Brings one demand's matches in line with the current products and profile. */
export async function reconcileDemand(deps: Deps, demand: DemandSnapshot): Promise<void> {
  const existing = new Map((await deps.repo.matchesOfDemand(demand.demandId)).map((m) => [m.productId, m]));
  if (demand.status === 'WITHDRAWN' || demand.status === 'CLOSED') {
    for (const m of existing.values())
      await withdraw(deps, m, demand.status === 'WITHDRAWN' ? '企业已撤回需求' : '需求已关闭', OPEN_FOR_REJECTION);
    return;
  }
  if (demand.status === 'ACCEPTED' || demand.status === 'FUNDED') {
    await repeatRejections(deps, [...existing.values()]);
    return;
  }
  await rematchOpenDemand(deps, demand, existing);
}

/**
 * accept() rejects the other matches in the same request; a crash (kill -9) between the acceptance
 * and those rejections would leave them open for good (`npm run chaos`). The demand's status event,
 * which follows every acceptance, repeats the rejections.
 */
async function repeatRejections(deps: Deps, all: Match[]): Promise<void> {
  if (all.some((m) => m.status === 'ACCEPTED' || m.status === 'FUNDED'))
    await rejectOthers(
      deps,
      all.filter((m) => m.status !== 'ACCEPTED' && m.status !== 'FUNDED'),
    );
}

/** An open demand: every eligible product proposed, every match that stopped being eligible withdrawn with why. */
async function rematchOpenDemand(deps: Deps, demand: DemandSnapshot, existing: Map<string, Match>): Promise<void> {
  const { matcher } = deps;
  const applicant = matcher.applicant(demand);
  if (!applicant || (demand.status !== 'OPEN' && demand.status !== 'MATCHED')) return;
  const candidates = matcher.candidatesFor(applicant);
  const eligible = new Set(candidates.map((c) => c.product.productId));
  await proposeAll(
    deps,
    candidates.map((c) => ({ applicant, product: c.product, score: c.score, existing: existing.get(c.product.productId) })),
  );
  for (const m of existing.values()) {
    if (eligible.has(m.productId) || !PRE_OFFER.includes(m.status)) continue;
    const product = matcher.product(m.productId);
    const failed = product ? checkEligibility(applicant, product).reasons.filter((r) => !r.passed) : [];
    await withdraw(deps, m, failed.length ? failed.map((r) => `${r.rule}: ${r.detail}`).join('；') : '产品已下架或暂停');
  }
}
