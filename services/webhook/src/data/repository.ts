import { findPage, isDuplicateKeyError, type Page } from '@yinqi/db';
import type { Hook, WebhookRepository } from '../domain/ports';
import type { InstitutionKind, WebhookEvent } from '../domain/webhook-events';
import type { DeliveryRecord, DeliveryStatus, WebhookModels, WebhookRecord } from './models';

/**
 * Reads and writes of webhooks and deliveries. Writes that decide (claiming a delivery, finishing
 * an attempt) are single-document conditional updates on the native collection, so two replicas
 * racing for one delivery cannot both win.
 */
export function webhookRepository(models: WebhookModels): WebhookRepository {
  return { ...webhookQueries(models), ...deliveryQueries(models), ...dispatchQueries(models) };
}

function webhookQueries({ Webhook }: WebhookModels) {
  const webhooks = Webhook.collection;
  return {
    insertWebhook: async (w: WebhookRecord) => {
      await webhooks.insertOne(w as never);
    },
    findWebhook: (id: string) => Webhook.findById(id).lean<WebhookRecord>().exec(),
    webhooksOf: (institutionId: string) => Webhook.find({ institutionId }).sort({ createdAt: -1, _id: -1 }).lean<WebhookRecord[]>().exec(),
    async setActive(id: string, institutionId: string, active: boolean, now: Date): Promise<WebhookRecord | null> {
      const res = await webhooks.findOneAndUpdate(
        { _id: id, institutionId } as never,
        { $set: { active, updatedAt: now } },
        { returnDocument: 'after' },
      );
      return (res as unknown as WebhookRecord | null) ?? null;
    },
    /** Webhooks subscribed to `event` of the given institutions, or of every institution of `kind`. */
    subscribers: (event: WebhookEvent, institutionIds: string[], kind?: InstitutionKind) =>
      institutionIds.length === 0 && !kind
        ? Promise.resolve([] as WebhookRecord[])
        : (webhooks
            .find({
              events: event,
              $or: [
                ...(institutionIds.length ? [{ institutionId: { $in: [...new Set(institutionIds)] } }] : []),
                ...(kind ? [{ institutionKind: kind }] : []),
              ],
            } as never)
            .toArray() as unknown as Promise<WebhookRecord[]>),
    activeWebhooks: () =>
      webhooks.find({ active: true } as never, { projection: { _id: 1, url: 1, secretSealed: 1 } }).toArray() as unknown as Promise<Hook[]>,
  };
}

function deliveryQueries({ Delivery }: WebhookModels) {
  const deliveries = Delivery.collection;
  return {
    /** Inserts deliveries; ones whose dedupeKey exists (a replayed event) are skipped. Returns how many were new. */
    async insertDeliveries(records: DeliveryRecord[]): Promise<number> {
      if (records.length === 0) return 0;
      try {
        const res = await deliveries.insertMany(records as never[], { ordered: false });
        return res.insertedCount;
      } catch (err) {
        const e = err as { writeErrors?: { code?: number }[]; insertedCount?: number; result?: { insertedCount?: number } };
        const errs = e.writeErrors ?? [];
        if (isDuplicateKeyError(err) || (errs.length > 0 && errs.every((w) => w.code === 11000)))
          return e.insertedCount ?? e.result?.insertedCount ?? 0;
        throw err;
      }
    },
    findDelivery: (id: string) => Delivery.findById(id).lean<DeliveryRecord>().exec(),
    deliveryPage: (
      filter: { institutionId: string; webhookId?: string; status?: DeliveryStatus },
      args: { first?: unknown; after?: unknown },
    ): Promise<Page<DeliveryRecord>> => findPage(Delivery as never, filter, args, (d: DeliveryRecord) => d, {}),
  };
}

/** The dispatcher's side: what is due, the order check, and the lease that lets one replica send a delivery. */
function dispatchQueries({ Delivery }: WebhookModels) {
  const deliveries = Delivery.collection;
  return {
    /** Pending deliveries due now, to the given webhooks, not held by a live lease. */
    due: (webhookIds: string[], now: Date, limit: number) =>
      deliveries
        .find({ status: 'PENDING', nextAttemptAt: { $lte: now }, webhookId: { $in: webhookIds }, leaseUntil: { $lte: now } } as never)
        .sort({ nextAttemptAt: 1 })
        .limit(limit)
        .toArray() as unknown as Promise<DeliveryRecord[]>,
    /** An earlier event of the same aggregate to the same webhook still pending: this one waits. */
    async earlierPending(d: Pick<DeliveryRecord, 'webhookId' | 'aggregateKey' | 'seq' | 'createdAt' | '_id'>): Promise<boolean> {
      const found = await deliveries.findOne(
        {
          webhookId: d.webhookId,
          aggregateKey: d.aggregateKey,
          status: 'PENDING',
          manual: false,
          $or: [{ seq: { $lt: d.seq } }, { seq: d.seq, createdAt: { $lt: d.createdAt } }],
        } as never,
        { projection: { _id: 1 } },
      );
      return found !== null;
    },
    /** Takes a due delivery for `owner` until `leaseUntil`; null when another replica took it first. */
    async claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<DeliveryRecord | null> {
      const res = await deliveries.findOneAndUpdate(
        { _id: id, status: 'PENDING', leaseUntil: { $lte: now } } as never,
        { $set: { leaseUntil, leaseOwner: owner } },
        { returnDocument: 'after' },
      );
      return (res as unknown as DeliveryRecord | null) ?? null;
    },
    /** Records an attempt's outcome, only while `owner` still holds the lease. */
    async finish(id: string, owner: string, set: Partial<DeliveryRecord>): Promise<boolean> {
      const res = await deliveries.updateOne({ _id: id, leaseOwner: owner } as never, {
        $set: { ...set, leaseOwner: null, leaseUntil: new Date(0) },
        $inc: { attempts: 1 },
      });
      return res.modifiedCount === 1;
    },
  };
}
