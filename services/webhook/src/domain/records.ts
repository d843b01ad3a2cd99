import type { WebhookDeliveryStatus } from '@yinqi/contracts';
import type { InstitutionKind, WebhookEvent } from './webhook-events';

/** What the webhook service stores, as plain objects; `data/` maps them to collections. */

export type DeliveryStatus = WebhookDeliveryStatus;

/** A registered webhook of one institution. */
export interface WebhookRecord {
  _id: string;
  institutionId: string;
  institutionKind: InstitutionKind;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  /** The signing secret, sealed with WEBHOOK_SECRET_KEY (domain/signing.ts SecretBox). */
  secretSealed: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One delivery of one event to one webhook: the unit that is claimed, sent, retried and listed.
 * Written when the source event is consumed, so a pending delivery lives in the store, not in a
 * process or in Kafka: restarts of any of them lose nothing.
 */
export interface DeliveryRecord {
  _id: string;
  webhookId: string;
  institutionId: string;
  eventId: string;
  event: WebhookEvent;
  /** `{id, event, occurredAt, data}` as sent, byte for byte, every attempt. */
  body: string;
  /** Order key: deliveries of one aggregate to one webhook go out in `seq` order. */
  aggregateKey: string;
  seq: number;
  /** `<webhookId>:<eventId>` for the delivery the event itself made (unique: a replayed event adds none); a fresh id for a manual redelivery. */
  dedupeKey: string;
  /** A manual redelivery: sent now, outside the per-aggregate order. */
  manual: boolean;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  firstAttemptAt: Date | null;
  deliveredAt: Date | null;
  /** A replica that claimed the delivery holds it until then; after that another may take it over. */
  leaseUntil: Date;
  leaseOwner: string | null;
  createdAt: Date;
}
