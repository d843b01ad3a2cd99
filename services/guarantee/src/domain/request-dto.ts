import type { Principal } from '@yinqi/auth';
import type { DemandSnapshot, GuaranteeQuoteDto, GuaranteeRequestDto } from '@yinqi/contracts';
import { visibleQuotes } from './access';
import type { Deps } from './deps';
import type { GuaranteeRequest, QuoteRecord } from './records';

export const quoteDto = (q: QuoteRecord): GuaranteeQuoteDto => ({
  id: q.quoteId,
  guarantorId: q.guarantorId,
  feeRate: q.feeRate,
  coverageRatio: q.coverageRatio,
  conditions: q.conditions,
  quotedAt: new Date(q.quotedAt).toISOString(),
});

/** The snapshot fields only (the stored copy also has _id and version). */
export const demandOf = (d: DemandSnapshot): DemandSnapshot => ({
  demandId: d.demandId,
  enterpriseId: d.enterpriseId,
  amount: d.amount,
  termMonths: d.termMonths,
  purpose: d.purpose,
  collateral: d.collateral,
  maxAnnualRate: d.maxAnnualRate,
  needsGuarantee: d.needsGuarantee,
  status: d.status,
  createdAt: d.createdAt,
});

/** Rates are percent with at most 4 decimals of meaning; keep float noise out of the all-in rate. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Our latest copy of the request's demand (read by _id, the one indexed lookup on FerretDB); what the request kept when it opened otherwise. */
async function currentDemand({ repo }: Deps, r: GuaranteeRequest): Promise<DemandSnapshot | null> {
  const copy = await repo.findDemand(r.demandId);
  return copy ? demandOf(copy) : r.demand;
}

/** The match as the request knows it; allInAnnualRate adds the selected quote's fee, else the policy's target. */
async function matchOf(deps: Deps, r: GuaranteeRequest): Promise<GuaranteeRequestDto['match']> {
  const chosen = r.selectedQuoteId ? r.quotes.find((q) => q.quoteId === r.selectedQuoteId) : undefined;
  const fee = chosen ? chosen.feeRate : r.offer ? (await deps.policy()).guaranteeFeeRateTarget : 0;
  return {
    id: r.matchId,
    demandId: r.demandId,
    enterpriseId: r.enterpriseId,
    productId: r.productId,
    bankId: r.bankId,
    score: r.matchScore,
    status: r.matchStatus,
    createdAt: r.matchCreatedAt,
    offer: r.offer ? { ...r.offer, allInAnnualRate: round4(r.offer.annualRate + fee) } : null,
  };
}

/** The request as `p` may see it (rival quotes hidden from guarantors). */
export async function toRequestDto(deps: Deps, r: GuaranteeRequest, p: Principal): Promise<GuaranteeRequestDto> {
  const quotes = visibleQuotes(p, r.quotes).map(quoteDto);
  const selected = r.selectedQuoteId ? (quotes.find((q) => q.id === r.selectedQuoteId) ?? null) : null;
  const match = await matchOf(deps, r);
  return {
    id: r._id,
    matchId: r.matchId,
    demandId: r.demandId,
    enterpriseId: r.enterpriseId,
    bankId: r.bankId,
    productId: r.productId,
    amount: r.amount,
    status: r.status,
    quotes,
    selectedQuote: selected,
    closedReason: r.closedReason,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    demand: await currentDemand(deps, r),
    match,
  };
}
