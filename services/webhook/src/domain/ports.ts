import type { Page } from '@yinqi/db';
import type { DeliveryRecord, DeliveryStatus, WebhookRecord } from './records';
import type { InstitutionKind, WebhookEvent } from './webhook-events';

/** What the dispatcher needs of a webhook to send to it. */
export type Hook = Pick<WebhookRecord, '_id' | 'url' | 'secretSealed'>;

/**
 * Reads and writes of webhooks and deliveries (implemented in `data/repository.ts`). Writes that
 * decide (claiming a delivery, finishing an attempt) are single-document conditional updates, so
 * two replicas racing for one delivery cannot both win.
 */
export interface WebhookRepository {
  insertWebhook(w: WebhookRecord): Promise<void>;
  findWebhook(id: string): Promise<WebhookRecord | null>;
  webhooksOf(institutionId: string): Promise<WebhookRecord[]>;
  setActive(id: string, institutionId: string, active: boolean, now: Date): Promise<WebhookRecord | null>;
  /** Webhooks subscribed to `event` of the given institutions, or of every institution of `kind`. */
  subscribers(event: WebhookEvent, institutionIds: string[], kind?: InstitutionKind): Promise<WebhookRecord[]>;
  activeWebhooks(): Promise<Hook[]>;
  /** Inserts deliveries; ones whose dedupeKey exists (a replayed event) are skipped. Returns how many were new. */
  insertDeliveries(records: DeliveryRecord[]): Promise<number>;
  findDelivery(id: string): Promise<DeliveryRecord | null>;
  deliveryPage(
    filter: { institutionId: string; webhookId?: string; status?: DeliveryStatus },
    args: { first?: unknown; after?: unknown },
  ): Promise<Page<DeliveryRecord>>;
  /** Pending deliveries due now, to the given webhooks, not held by a live lease. */
  due(webhookIds: string[], now: Date, limit: number): Promise<DeliveryRecord[]>;
  /** An earlier event of the same aggregate to the same webhook still pending: this one waits. */
  earlierPending(d: Pick<DeliveryRecord, 'webhookId' | 'aggregateKey' | 'seq' | 'createdAt' | '_id'>): Promise<boolean>;
  /** Takes a due delivery for `owner` until `leaseUntil`; null when another replica took it first. */
  claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<DeliveryRecord | null>;
  /** Records an attempt's outcome, only while `owner` still holds the lease. */
  finish(id: string, owner: string, set: Partial<DeliveryRecord>): Promise<boolean>;
}
