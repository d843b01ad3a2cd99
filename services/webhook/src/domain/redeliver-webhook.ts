import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import type { WebhookDeliveryDto } from '@yinqi/contracts';
import { notFound } from '@yinqi/errors';
import type { ManageDeps } from './deps';
import type { DeliveryRecord } from './records';
import { freshDelivery } from './record-deliveries';
import { deliveryDto, officer, ownWebhook } from './webhook-access';

/** Sends the event again now, as a new delivery with the same event id (and body). */
export async function redeliverWebhook(deps: ManageDeps, p: Principal, deliveryId: string): Promise<WebhookDeliveryDto> {
  const { institutionId } = officer(p);
  const d = await deps.repo.findDelivery(deliveryId);
  if (!d || d.institutionId !== institutionId) throw notFound('Webhook delivery');
  const w = await ownWebhook(deps, p, d.webhookId);
  const at = deps.now();
  const id = randomUUID();
  const copy: DeliveryRecord = {
    ...d,
    _id: id,
    dedupeKey: `manual:${id}`,
    manual: true,
    ...freshDelivery(at),
  };
  await deps.repo.insertDeliveries([copy]);
  deps.kick();
  return deliveryDto(copy, w);
}
