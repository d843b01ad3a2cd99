import { guaranteeRequestClosed, type EventDefinition, type EventEnvelope, type GuaranteeRequestSnapshot } from '@yinqi/contracts';
import { AppError } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Deps } from './deps';
import { REQUESTS_COLLECTION, SOURCE, type GuaranteeRequest, type GuaranteeRequestRecord } from './records';

/** What a command decided: the fields to set and the event that reports it; null: nothing to do. */
export type Decision = { set: Partial<GuaranteeRequestRecord>; def: EventDefinition; reason?: string } | null;

/** The request as its events carry it. */
export function snapshotOf(r: GuaranteeRequest): GuaranteeRequestSnapshot {
  return {
    requestId: r._id,
    matchId: r.matchId,
    demandId: r.demandId,
    enterpriseId: r.enterpriseId,
    bankId: r.bankId,
    amount: r.amount,
    status: r.status,
    quotes: r.quotes.map((q) => ({
      quoteId: q.quoteId,
      guarantorId: q.guarantorId,
      feeRate: q.feeRate,
      coverageRatio: q.coverageRatio,
      conditions: q.conditions,
      quotedAt: new Date(q.quotedAt).toISOString(),
    })),
    selectedQuoteId: r.selectedQuoteId,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/**
 * One guarantee-request command: the shared read → decide → version-conditional write
 * (updateAggregate). The document lock only keeps this process's writers of one request (and its
 * outbox relay) from racing each other.
 */
export function transition(
  { repo, published, now }: Deps,
  id: string,
  decide: (r: GuaranteeRequest) => Decision | AppError,
): Promise<GuaranteeRequest> {
  return withDocumentLock(documentLockKey(REQUESTS_COLLECTION, id), () =>
    updateAggregate<GuaranteeRequest, { set: Partial<GuaranteeRequestRecord>; event: EventEnvelope }>(
      { load: (key) => repo.findRequest(key), write: (key, version, c) => repo.updateRequest(key, version, c.set, c.event) },
      id,
      (r) => {
        const d = decide(r);
        if (d === null || d instanceof Error) return d;
        const next: GuaranteeRequest = { ...r, ...d.set, version: r.version + 1 };
        const data =
          d.def === guaranteeRequestClosed ? { request: snapshotOf(next), reason: d.reason ?? '' } : { request: snapshotOf(next) };
        const event = newEvent(d.def, { key: r._id, version: next.version, source: SOURCE, data, occurredAt: now() });
        return { next, change: { set: { ...d.set, updatedAt: now() }, event } };
      },
      { what: 'Guarantee request', written: (next) => published(next._id) },
    ),
  );
}

/** Closes the request with `reason` when `guard` holds; null when there is no such request. */
export async function closeRequest(
  deps: Deps,
  id: string,
  reason: string,
  guard: (r: GuaranteeRequest) => boolean,
): Promise<GuaranteeRequest | null> {
  try {
    return await transition(deps, id, (r) =>
      guard(r) ? { set: { status: 'CLOSED', closedReason: reason }, def: guaranteeRequestClosed, reason } : null,
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
