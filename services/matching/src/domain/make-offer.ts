import type { Principal } from '@yinqi/auth';
import { matchOffered, type MatchDto } from '@yinqi/contracts';
import { yuan } from '@yinqi/engine';
import { badInput, conflict, forbidden, notFound } from '@yinqi/errors';
import type { Deps } from './deps';
import { eligibilityCap } from './eligibility';
import { toMatchDto } from './match-dto';
import { transition } from './transition';

export interface OfferInput {
  amount: number;
  annualRate: number;
  termMonths: number;
  conditions: string | null;
}

/** The matched bank offers on an INTERESTED match, at most the eligibility cap (with the R&D uplift). */
export async function makeOffer(deps: Deps, principal: Principal, id: string, offer: OfferInput): Promise<MatchDto> {
  const { repo } = deps;
  const current = await repo.findMatch(id);
  if (!current) throw notFound('Match');
  if (principal.role !== 'BANK_OFFICER' || current.bankId !== principal.orgId)
    throw forbidden('Only an officer of the matched bank makes offers');
  const [product, enterprise] = await Promise.all([repo.findProductCopy(current.productId), repo.findEnterpriseCopy(current.enterpriseId)]);
  if (!product || !enterprise) throw conflict('The match is not ready yet; try again');
  const { cap } = eligibilityCap(product, enterprise);
  if (offer.amount > cap)
    throw badInput(`amount: the offer may not exceed the eligibility cap of ${yuan(cap)} (${cap} yuan)`, { field: 'amount', cap });
  const m = await transition(deps, id, (cur) => {
    if (cur.status !== 'INTERESTED') return conflict(`The match is ${cur.status}; an offer needs an INTERESTED match (respond first)`);
    return { set: { status: 'OFFERED', offer: { ...offer, offeredAt: deps.now() } }, def: matchOffered };
  });
  return toMatchDto(deps, m);
}
