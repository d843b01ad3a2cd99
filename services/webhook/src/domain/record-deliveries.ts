import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@yinqi/contracts';
import type { WebhookRepository } from './ports';
import type { DeliveryRecord, WebhookRecord } from './records';
import { noticeOf } from './webhook-events';
import { webhookEventId } from './signing';

/** A delivery not yet tried: pending, due at `at`, unclaimed (a new event's, or a manual redelivery's). */
export function freshDelivery(
  at: Date,
): Pick<
  DeliveryRecord,
  | 'status'
  | 'attempts'
  | 'lastStatusCode'
  | 'lastError'
  | 'nextAttemptAt'
  | 'firstAttemptAt'
  | 'deliveredAt'
  | 'leaseUntil'
  | 'leaseOwner'
  | 'createdAt'
> {
  return {
    status: 'PENDING',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    nextAttemptAt: at,
    firstAttemptAt: null,
    deliveredAt: null,
    leaseUntil: new Date(0),
    leaseOwner: null,
    createdAt: at,
  };
}

/**
 * The consumer's use-case: one platform event becomes one PENDING delivery per webhook that may
 * hear of it. Webhooks that are inactive get theirs too (kept PENDING until re-activated). The
 * deliveries are in the store before the Kafka offset is committed, and their dedupeKey makes a
 * replayed or twice-published event add nothing.
 */
export function recordDeliveries({
  repo,
  now = () => new Date(),
  offer,
}: {
  repo: WebhookRepository;
  now?: () => Date;
  /** Hands the new deliveries of active webhooks to this process's dispatcher (its fast path). */
  offer: (records: DeliveryRecord[], hooks: WebhookRecord[]) => void;
}) {
  return async (e: EventEnvelope): Promise<number> => {
    const notice = noticeOf(e);
    if (!notice) return 0;
    const hooks = await repo.subscribers(notice.event, notice.institutionIds, notice.everyInstitutionOfKind);
    if (hooks.length === 0) return 0;
    const eventId = webhookEventId(notice.sourceEventId, notice.event);
    const body = JSON.stringify({ id: eventId, event: notice.event, occurredAt: notice.occurredAt, data: notice.data });
    const at = now();
    const records: DeliveryRecord[] = hooks.map((w) => ({
      _id: randomUUID(),
      webhookId: w._id,
      institutionId: w.institutionId,
      eventId,
      event: notice.event,
      body,
      aggregateKey: notice.aggregateKey,
      seq: notice.seq,
      dedupeKey: `${w._id}:${eventId}`,
      manual: false,
      ...freshDelivery(at),
    }));
    const added = await repo.insertDeliveries(records);
    // A replayed event adds nothing; offering its records anyway is harmless (claims fail on DELIVERED ones).
    if (added > 0)
      offer(
        records,
        hooks.filter((w) => w.active),
      );
    return added;
  };
}
