import { mongoose, type Connection } from '@yinqi/db';
import type { DeliveryRecord, WebhookRecord } from '../domain/records';

export type { DeliveryRecord, DeliveryStatus, WebhookRecord } from '../domain/records';

export function webhookModels(db: Connection) {
  const opts = (collection: string) => ({ versionKey: false as const, collection, minimize: false });
  const webhook = new mongoose.Schema<WebhookRecord>(
    {
      _id: String,
      institutionId: { type: String, required: true },
      institutionKind: { type: String, required: true },
      url: { type: String, required: true },
      events: [String],
      active: { type: Boolean, required: true },
      secretSealed: { type: String, required: true },
      createdBy: String,
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    opts('webhooks'),
  );
  webhook.index({ institutionId: 1, createdAt: -1 });
  webhook.index({ institutionKind: 1 });
  const delivery = new mongoose.Schema<DeliveryRecord>(
    {
      _id: String,
      webhookId: { type: String, required: true },
      institutionId: { type: String, required: true },
      eventId: String,
      event: String,
      body: String,
      aggregateKey: String,
      seq: Number,
      dedupeKey: { type: String, required: true },
      manual: Boolean,
      status: String,
      attempts: Number,
      lastStatusCode: { type: Number, default: null },
      lastError: { type: String, default: null },
      nextAttemptAt: { type: Date, default: null },
      firstAttemptAt: { type: Date, default: null },
      deliveredAt: { type: Date, default: null },
      leaseUntil: Date,
      leaseOwner: { type: String, default: null },
      createdAt: { type: Date, required: true },
    },
    opts('webhook_deliveries'),
  );
  delivery.index({ dedupeKey: 1 }, { unique: true });
  // The dispatcher's poll: due pending deliveries.
  delivery.index({ status: 1, nextAttemptAt: 1 });
  // The order check: an earlier pending delivery of the same aggregate to the same webhook.
  delivery.index({ webhookId: 1, aggregateKey: 1, status: 1, seq: 1 });
  // webhookDeliveries: the institution's (or one webhook's) deliveries, newest first.
  delivery.index({ institutionId: 1, createdAt: -1, _id: -1 });
  delivery.index({ webhookId: 1, createdAt: -1, _id: -1 });
  return {
    Webhook: db.model<WebhookRecord>('Webhook', webhook),
    Delivery: db.model<DeliveryRecord>('WebhookDelivery', delivery),
  };
}
export type WebhookModels = ReturnType<typeof webhookModels>;
