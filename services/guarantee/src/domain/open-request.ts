import { guaranteeRequestOpened, type MatchSnapshot } from '@yinqi/contracts';
import { newEvent } from '@yinqi/events';
import type { Deps } from './deps';
import { requestIdOf, SOURCE, type DemandCopy, type GuaranteeRequestRecord } from './records';
import { demandOf } from './request-dto';
import { snapshotOf } from './request-transition';

/** match.accepted: a match that needs a guarantee gets exactly one request, whatever re-delivery. */
export async function openRequest(deps: Deps, m: MatchSnapshot, matchVersion: number): Promise<void> {
  if (!m.needsGuarantee) return;
  const at = deps.now();
  const copy = await deps.repo.findDemand(m.demandId);
  const record = newRequest(m, matchVersion, copy, at, deps.ttlHours);
  if (await deps.repo.insertRequest(record)) {
    deps.published(record._id);
    deps.logger.info({ requestId: record._id, matchId: m.matchId }, 'guarantee request opened');
  }
}

/** A new OPEN request for the match, with its guarantee.request-opened event. */
function newRequest(m: MatchSnapshot, matchVersion: number, copy: DemandCopy | null, at: Date, ttlHours: number): GuaranteeRequestRecord {
  const id = requestIdOf(m.matchId);
  const record: GuaranteeRequestRecord = {
    _id: id,
    matchId: m.matchId,
    demandId: m.demandId,
    enterpriseId: m.enterpriseId,
    bankId: m.bankId,
    productId: m.productId,
    // The accepted offer's amount is what gets guaranteed; the demand's amount when there is none.
    amount: m.offer?.amount ?? m.amount,
    offer: m.offer
      ? { amount: m.offer.amount, annualRate: m.offer.annualRate, termMonths: m.offer.termMonths, conditions: m.offer.conditions ?? null }
      : null,
    matchCreatedAt: m.createdAt,
    matchScore: m.score,
    matchStatus: m.status,
    demand: copy ? demandOf(copy) : null,
    demandVersion: copy?.version ?? 0,
    matchVersion,
    status: 'OPEN',
    quotes: [],
    guarantorIds: [],
    selectedQuoteId: null,
    closedReason: null,
    createdAt: at,
    expiresAt: new Date(at.getTime() + ttlHours * 3_600_000),
    updatedAt: at,
    version: 1,
    outbox: [],
  };
  record.outbox = [
    newEvent(guaranteeRequestOpened, { key: id, version: 1, source: SOURCE, data: { request: snapshotOf(record) }, occurredAt: at }),
  ];
  return record;
}
