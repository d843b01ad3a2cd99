import type { Principal } from '@yinqi/auth';
import { guaranteeQuoteSelected, type GuaranteeRequestDto } from '@yinqi/contracts';
import { conflict, forbidden, notFound } from '@yinqi/errors';
import type { Deps } from './deps';
import { toRequestDto } from './request-dto';
import { transition } from './request-transition';

/** The owning enterprise picks one quote; picking the same one again changes nothing. */
export async function selectQuote(deps: Deps, p: Principal, quoteId: string): Promise<GuaranteeRequestDto> {
  if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only the enterprise that owns the request selects a quote');
  const found = await deps.repo.findRequestByQuote(quoteId);
  if (!found) throw notFound('Guarantee quote');
  if (found.enterpriseId !== p.orgId) throw forbidden('Only the enterprise that owns the request selects a quote');
  const r = await transition(deps, found._id, (cur) => {
    if (cur.status === 'SELECTED' && cur.selectedQuoteId === quoteId) return null;
    if (cur.status !== 'OPEN')
      return conflict(cur.status === 'SELECTED' ? 'Another quote is already selected' : 'The guarantee request is closed');
    // The institution may have replaced this quote since it was read.
    if (!cur.quotes.some((q) => q.quoteId === quoteId)) return conflict('This quote was replaced by a newer one from the same guarantor');
    return { set: { status: 'SELECTED', selectedQuoteId: quoteId }, def: guaranteeQuoteSelected };
  });
  return toRequestDto(deps, r, p);
}
