import {
  fundMatchProposed,
  guaranteeQuoteSelected,
  guaranteeRequestOpened,
  loanOverdue,
  loanReliefRequested,
  matchAccepted,
  matchProposed,
  matchWithdrawn,
  type EventEnvelope,
  type FundMatchSnapshot,
  type GuaranteeRequestSnapshot,
  type LoanSnapshot,
  type MatchSnapshot,
  type ReliefSnapshot,
} from '@yinqi/contracts';
import type { Role } from '@yinqi/auth';

/** What an institution may subscribe to (contract-open.graphql `WebhookEvent`). */
export const WEBHOOK_EVENTS = [
  'MATCH_PROPOSED',
  'MATCH_ACCEPTED',
  'MATCH_WITHDRAWN',
  'GUARANTEE_REQUESTED',
  'GUARANTEE_SELECTED',
  'RELIEF_REQUESTED',
  'LOAN_OVERDUE',
  'FUND_MATCH_PROPOSED',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type InstitutionKind = 'BANK' | 'GUARANTOR' | 'FUND';

/** The events each kind of institution may hear of (API-CONTRACT-OPEN.md "Webhooks"). */
export const EVENTS_BY_KIND: Record<InstitutionKind, readonly WebhookEvent[]> = {
  BANK: ['MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_WITHDRAWN', 'GUARANTEE_SELECTED', 'RELIEF_REQUESTED', 'LOAN_OVERDUE'],
  GUARANTOR: ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED'],
  FUND: ['FUND_MATCH_PROPOSED'],
};

/**
 * The institution kind an officer acts for. Taken from the caller's role (an officer belongs to one
 * institution of the matching kind: identity enforces it), so an API client of issue 17 acting "with
 * the role of its kind" fits without change.
 */
export function kindOfRole(role: Role): InstitutionKind | undefined {
  return role === 'BANK_OFFICER' ? 'BANK' : role === 'GUARANTOR_OFFICER' ? 'GUARANTOR' : role === 'FUND_OFFICER' ? 'FUND' : undefined;
}

/** Who hears of one platform event, and what they are told. */
export interface Notice {
  event: WebhookEvent;
  /** Source event id; the webhook event id is derived from it (stable across retries and replays). */
  sourceEventId: string;
  occurredAt: string;
  /** The aggregate whose events keep their order per webhook (match, request, loan, fund match). */
  aggregateKey: string;
  /** The aggregate's version: the order of its events. */
  seq: number;
  /** Only ids: the receiver reads details through the API, as the caller it is. */
  data: Record<string, string>;
  /** Institutions that may hear of it, by id … */
  institutionIds: string[];
  /** … or every institution of a kind (guarantee requests: any guarantor may quote on an open request). */
  everyInstitutionOfKind?: InstitutionKind;
}

/**
 * Decides, for one platform event, which institutions may hear of it. Every snapshot carries the
 * institutions concerned, so no copy of other services' data is needed — except "which guarantors
 * may quote", where the guarantee service's rule is "every guarantor, while the request is OPEN"
 * (services/guarantee/src/domain/access.ts): that maps to every guarantor institution's webhooks.
 */
export function noticeOf(e: EventEnvelope): Notice | undefined {
  const base = { sourceEventId: e.id, occurredAt: e.occurredAt, aggregateKey: e.key, seq: e.version };
  const match = (event: WebhookEvent): Notice => {
    const m = (e.data as { match: MatchSnapshot }).match;
    return { ...base, event, data: { matchId: m.matchId, demandId: m.demandId, productId: m.productId }, institutionIds: [m.bankId] };
  };
  switch (e.type) {
    case matchProposed.type:
      return match('MATCH_PROPOSED');
    case matchAccepted.type:
      return match('MATCH_ACCEPTED');
    case matchWithdrawn.type:
      return match('MATCH_WITHDRAWN');
    case guaranteeRequestOpened.type: {
      const r = (e.data as { request: GuaranteeRequestSnapshot }).request;
      return {
        ...base,
        event: 'GUARANTEE_REQUESTED',
        data: { requestId: r.requestId, matchId: r.matchId, demandId: r.demandId },
        institutionIds: [],
        everyInstitutionOfKind: 'GUARANTOR',
      };
    }
    case guaranteeQuoteSelected.type: {
      const r = (e.data as { request: GuaranteeRequestSnapshot }).request;
      const quote = r.quotes.find((q) => q.quoteId === r.selectedQuoteId);
      const ids = [r.bankId, ...(quote ? [quote.guarantorId] : [])];
      return {
        ...base,
        event: 'GUARANTEE_SELECTED',
        data: {
          requestId: r.requestId,
          matchId: r.matchId,
          demandId: r.demandId,
          ...(r.selectedQuoteId ? { quoteId: r.selectedQuoteId } : {}),
        },
        institutionIds: ids,
      };
    }
    case loanReliefRequested.type: {
      const d = e.data as { loan: LoanSnapshot; relief: ReliefSnapshot };
      return {
        ...base,
        event: 'RELIEF_REQUESTED',
        data: { loanId: d.loan.loanId, reliefId: d.relief.reliefId, matchId: d.loan.matchId },
        institutionIds: [d.loan.bankId],
      };
    }
    case loanOverdue.type: {
      const d = e.data as { loan: LoanSnapshot };
      return { ...base, event: 'LOAN_OVERDUE', data: { loanId: d.loan.loanId, matchId: d.loan.matchId }, institutionIds: [d.loan.bankId] };
    }
    case fundMatchProposed.type: {
      const m = (e.data as { match: FundMatchSnapshot }).match;
      return { ...base, event: 'FUND_MATCH_PROPOSED', data: { matchId: m.matchId, roundId: m.roundId }, institutionIds: [m.fundId] };
    }
    default:
      return undefined;
  }
}

/** The source event types the service consumes, for the consumer's handler table. */
export const SOURCE_EVENT_TYPES = [
  matchProposed,
  matchAccepted,
  matchWithdrawn,
  guaranteeRequestOpened,
  guaranteeQuoteSelected,
  loanReliefRequested,
  loanOverdue,
  fundMatchProposed,
].map((d) => d.type);
