import {
  fundMatchProposed,
  guaranteeQuoteSelected,
  guaranteeRequestOpened,
  loanOverdue,
  loanReliefRequested,
  matchAccepted,
  matchProposed,
  matchWithdrawn,
  type EventDataOf,
  type EventDefinition,
  type EventEnvelope,
  type WebhookEvent,
  type FundMatchSnapshot,
  type GuaranteeRequestSnapshot,
  type LoanSnapshot,
  type MatchSnapshot,
  type ReliefSnapshot,
} from '@yinqi/contracts';
import type { Role } from '@yinqi/auth';

export { WEBHOOK_EVENTS, type WebhookEvent } from '@yinqi/contracts';

export type InstitutionKind = 'BANK' | 'GUARANTOR' | 'FUND';

/** The events each kind of institution may hear of (API-CONTRACT-OPEN.md "Webhooks"). */
export const EVENTS_BY_KIND: Record<InstitutionKind, readonly WebhookEvent[]> = {
  BANK: ['MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_WITHDRAWN', 'GUARANTEE_SELECTED', 'RELIEF_REQUESTED', 'LOAN_OVERDUE'],
  GUARANTOR: ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED'],
  FUND: ['FUND_MATCH_PROPOSED'],
};

/**
 * The institution kind an officer acts for. Taken from the caller's role (an officer belongs to one
 * institution of the matching kind: identity enforces it), so an API client, which acts with the
 * role of its institution's kind, is placed the same way.
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

type Base = Pick<Notice, 'sourceEventId' | 'occurredAt' | 'aggregateKey' | 'seq'>;

/**
 * Narrows an envelope to one event's typed data by its type. Sound because the consumer validated
 * `data` against that event's schema before any handler runs (packages/events `onEvent`).
 */
const isEvent = <D extends EventDefinition>(def: D, e: EventEnvelope): e is EventEnvelope<EventDataOf<D>> => e.type === def.type;

const matchNotice = (event: WebhookEvent, m: MatchSnapshot, base: Base): Notice => ({
  ...base,
  event,
  data: { matchId: m.matchId, demandId: m.demandId, productId: m.productId },
  institutionIds: [m.bankId],
});

const guaranteeRequestedNotice = (r: GuaranteeRequestSnapshot, base: Base): Notice => ({
  ...base,
  event: 'GUARANTEE_REQUESTED',
  data: { requestId: r.requestId, matchId: r.matchId, demandId: r.demandId },
  institutionIds: [],
  everyInstitutionOfKind: 'GUARANTOR',
});

const guaranteeSelectedNotice = (r: GuaranteeRequestSnapshot, base: Base): Notice => {
  const quote = r.quotes.find((q) => q.quoteId === r.selectedQuoteId);
  return {
    ...base,
    event: 'GUARANTEE_SELECTED',
    data: {
      requestId: r.requestId,
      matchId: r.matchId,
      demandId: r.demandId,
      ...(r.selectedQuoteId ? { quoteId: r.selectedQuoteId } : {}),
    },
    institutionIds: [r.bankId, ...(quote ? [quote.guarantorId] : [])],
  };
};

const reliefRequestedNotice = (loan: LoanSnapshot, relief: ReliefSnapshot, base: Base): Notice => ({
  ...base,
  event: 'RELIEF_REQUESTED',
  data: { loanId: loan.loanId, reliefId: relief.reliefId, matchId: loan.matchId },
  institutionIds: [loan.bankId],
});

const loanOverdueNotice = (loan: LoanSnapshot, base: Base): Notice => ({
  ...base,
  event: 'LOAN_OVERDUE',
  data: { loanId: loan.loanId, matchId: loan.matchId },
  institutionIds: [loan.bankId],
});

const fundMatchNotice = (m: FundMatchSnapshot, base: Base): Notice => ({
  ...base,
  event: 'FUND_MATCH_PROPOSED',
  data: { matchId: m.matchId, roundId: m.roundId },
  institutionIds: [m.fundId],
});

/**
 * Decides, for one platform event, which institutions may hear of it. Every snapshot carries the
 * institutions concerned, so no copy of other services' data is needed — except "which guarantors
 * may quote", where the guarantee service's rule is "every guarantor, while the request is OPEN"
 * (services/guarantee/src/domain/access.ts): that maps to every guarantor institution's webhooks.
 */
export function noticeOf(e: EventEnvelope): Notice | undefined {
  const base: Base = { sourceEventId: e.id, occurredAt: e.occurredAt, aggregateKey: e.key, seq: e.version };
  if (isEvent(matchProposed, e)) return matchNotice('MATCH_PROPOSED', e.data.match, base);
  if (isEvent(matchAccepted, e)) return matchNotice('MATCH_ACCEPTED', e.data.match, base);
  if (isEvent(matchWithdrawn, e)) return matchNotice('MATCH_WITHDRAWN', e.data.match, base);
  if (isEvent(guaranteeRequestOpened, e)) return guaranteeRequestedNotice(e.data.request, base);
  if (isEvent(guaranteeQuoteSelected, e)) return guaranteeSelectedNotice(e.data.request, base);
  if (isEvent(loanReliefRequested, e)) return reliefRequestedNotice(e.data.loan, e.data.relief, base);
  if (isEvent(loanOverdue, e)) return loanOverdueNotice(e.data.loan, base);
  if (isEvent(fundMatchProposed, e)) return fundMatchNotice(e.data.match, base);
  return undefined;
}

/** The source events the service consumes, for the consumer's handler table. */
export const SOURCE_EVENTS = [
  matchProposed,
  matchAccepted,
  matchWithdrawn,
  guaranteeRequestOpened,
  guaranteeQuoteSelected,
  loanReliefRequested,
  loanOverdue,
  fundMatchProposed,
] as const;
