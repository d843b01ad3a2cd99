import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { guaranteeQuoted, type GuaranteeQuoteDto } from '@yinqi/contracts';
import { conflict, forbidden, policyViolation } from '@yinqi/errors';
import type { Deps } from './deps';
import { exceedsFeeCap } from './policy';
import type { QuoteRecord } from './records';
import { quoteDto } from './request-dto';
import { transition } from './request-transition';
import type { QuoteInput } from './schemas';

/**
 * 担保报价: one quote per guarantee institution per request; quoting again replaces the
 * institution's previous quote (a new quote id). A fee above the policy cap writes nothing.
 */
export async function submitQuote(deps: Deps, p: Principal, requestId: string, input: QuoteInput): Promise<GuaranteeQuoteDto> {
  if (p.role !== 'GUARANTOR_OFFICER' || !p.orgId) throw forbidden('Only guarantor officers quote');
  const guarantorId = p.orgId;
  const current = await deps.policy();
  const quote: QuoteRecord = {
    quoteId: randomUUID(),
    guarantorId,
    quotedBy: p.userId,
    feeRate: input.feeRate,
    coverageRatio: input.coverageRatio,
    conditions: input.conditions ?? null,
    quotedAt: deps.now(),
  };
  await transition(deps, requestId, (r) => {
    if (r.status !== 'OPEN') return conflict(`The guarantee request is ${r.status}; it takes no more quotes`);
    if (exceedsFeeCap(current, input.feeRate)) {
      return policyViolation(`feeRate ${input.feeRate}% is above the policy's guarantee fee cap of ${current.guaranteeFeeRateCap}%`, {
        field: 'feeRate',
        cap: current.guaranteeFeeRateCap,
      });
    }
    const others = r.quotes.filter((q) => q.guarantorId !== guarantorId);
    const guarantorIds = r.guarantorIds.includes(guarantorId) ? r.guarantorIds : [...r.guarantorIds, guarantorId];
    return { set: { quotes: [...others, quote], guarantorIds }, def: guaranteeQuoted };
  });
  return quoteDto(quote);
}
