import type { Principal } from '@yinqi/auth';
import type { WebhookDeliveryDto, WebhookDto } from '@yinqi/contracts';
import { forbidden, notFound } from '@yinqi/errors';
import type { ManageDeps } from './deps';
import type { DeliveryRecord, WebhookRecord } from './records';
import { kindOfRole, type InstitutionKind } from './webhook-events';

/** Shared steps of the officers' webhook use-cases: who may act, and what the API shows. */

/** The officer's institution: only officers manage webhooks, each for its own institution. */
export function officer(p: Principal): { institutionId: string; kind: InstitutionKind } {
  const kind = kindOfRole(p.role);
  if (!kind || !p.orgId) throw forbidden('Only bank, guarantor and fund officers manage webhooks');
  return { institutionId: p.orgId, kind };
}

/** One of the caller's institution's webhooks; another institution's is not there for this caller (no hint that it exists). */
export async function ownWebhook({ repo }: Pick<ManageDeps, 'repo'>, p: Principal, id: string): Promise<WebhookRecord> {
  const { institutionId } = officer(p);
  const w = await repo.findWebhook(id);
  if (!w || w.institutionId !== institutionId) throw notFound('Webhook');
  return w;
}

export const webhookDto = (w: WebhookRecord): WebhookDto => ({
  id: w._id,
  url: w.url,
  events: w.events,
  active: w.active,
  createdAt: new Date(w.createdAt).toISOString(),
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const deliveryDto = (d: DeliveryRecord, w: WebhookRecord): WebhookDeliveryDto => ({
  id: d._id,
  webhookId: d.webhookId,
  webhook: webhookDto(w),
  eventId: d.eventId,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: d.status === 'PENDING' ? iso(d.nextAttemptAt) : null,
  deliveredAt: iso(d.deliveredAt),
  createdAt: new Date(d.createdAt).toISOString(),
});
