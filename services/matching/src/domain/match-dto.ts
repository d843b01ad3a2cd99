import type { MatchDto } from '@yinqi/contracts';
import type { Deps } from './deps';
import type { Match } from './match';

/** The match as the REST API answers it; allInAnnualRate: the offer's rate plus the guarantee fee the enterprise bears. */
export function toMatchDto(
  { guaranteeFeeTarget, responseDeadline }: Pick<Deps, 'guaranteeFeeTarget' | 'responseDeadline'>,
  m: Match,
): MatchDto {
  const fee = m.guaranteeRequired ? (m.guaranteeFeeRate ?? guaranteeFeeTarget()) : 0;
  return {
    id: m._id,
    demandId: m.demandId,
    enterpriseId: m.enterpriseId,
    productId: m.productId,
    bankId: m.bankId,
    score: m.score,
    reasons: m.reasons,
    status: m.status,
    offer: m.offer
      ? {
          amount: m.offer.amount,
          annualRate: m.offer.annualRate,
          termMonths: m.offer.termMonths,
          conditions: m.offer.conditions,
          allInAnnualRate: Math.round((m.offer.annualRate + fee) * 10_000) / 10_000,
        }
      : null,
    createdAt: new Date(m.createdAt).toISOString(),
    responseDeadline: responseDeadline(new Date(m.createdAt))?.toISOString() ?? null,
  };
}
