import type { ProductSnapshot } from '@yinqi/contracts';
import type { Deps } from './deps';
import { ALL_STATUSES, PRE_OFFER } from './match';
import { proposeAll } from './proposals';
import { withdraw } from './withdrawals';

/** A product published or suspended: proposed to every open demand it fits, or its unanswered matches withdrawn. */
export async function matchProduct(deps: Deps, p: ProductSnapshot, version: number): Promise<void> {
  const { repo, matcher } = deps;
  if (await repo.saveProduct(p, version)) matcher.putProduct(p);
  else {
    // A redelivery (see matchDemand): redo the proposals from the stored copy.
    const stored = await repo.findProductCopy(p.productId);
    if (!stored) return;
    p = stored;
  }
  if (p.status !== 'PUBLISHED') {
    for (const m of await repo.matchesOfProduct(p.productId, PRE_OFFER)) await withdraw(deps, m, '银行已暂停该产品');
    return;
  }
  const product = p;
  const fits = matcher.applicantsFor(product);
  const existing = new Map((await repo.matchesOfProduct(product.productId, ALL_STATUSES)).map((m) => [m.demandId, m]));
  await proposeAll(
    deps,
    fits.map((f) => ({ applicant: f.applicant, product, score: f.score, existing: existing.get(f.applicant.demand.demandId) })),
  );
}
