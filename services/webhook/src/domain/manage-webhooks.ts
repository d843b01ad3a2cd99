import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { badInput, forbidden, notFound } from '@yinqi/errors';
import type { DeliveryRecord, DeliveryStatus, WebhookRecord } from '../data/models';
import type { WebhookRepository } from '../data/repository';
import { EVENTS_BY_KIND, kindOfRole, type InstitutionKind, type WebhookEvent } from './webhook-events';
import { freshDelivery } from './record-deliveries';
import { newSigningSecret, type SecretBox } from './signing';
import { checkWebhookUrl, UrlRefused, type Resolve, type UrlPolicy } from './url-policy';

export interface WebhookDto {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
}
export interface DeliveryDto {
  id: string;
  webhookId: string;
  webhook: WebhookDto;
  eventId: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export const webhookDto = (w: WebhookRecord): WebhookDto => ({
  id: w._id,
  url: w.url,
  events: w.events,
  active: w.active,
  createdAt: new Date(w.createdAt).toISOString(),
});
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const deliveryDto = (d: DeliveryRecord, w: WebhookRecord): DeliveryDto => ({
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

export interface ManageDeps {
  repo: WebhookRepository;
  box: SecretBox;
  policy: UrlPolicy;
  resolve?: Resolve;
  now?: () => Date;
  /** Wakes the dispatcher (a redelivery or a re-activated webhook has work now). */
  kick: () => void;
}

/** The officer's institution: only officers manage webhooks, each for its own institution. */
function officer(p: Principal): { institutionId: string; kind: InstitutionKind } {
  const kind = kindOfRole(p.role);
  if (!kind || !p.orgId) throw forbidden('Only bank, guarantor and fund officers manage webhooks');
  return { institutionId: p.orgId, kind };
}

/** Webhook management for officers (registerWebhook, setWebhookActive, webhooks, webhookDeliveries, redeliverWebhook). */
export function manageWebhooks({ repo, box, policy, resolve, now = () => new Date(), kick }: ManageDeps) {
  async function ownWebhook(p: Principal, id: string): Promise<WebhookRecord> {
    const { institutionId } = officer(p);
    const w = await repo.findWebhook(id);
    // Another institution's webhook is not there for this caller (no hint that it exists).
    if (!w || w.institutionId !== institutionId) throw notFound('Webhook');
    return w;
  }

  return {
    /** Answers the signing secret once; only its sealed form is kept. */
    async register(p: Principal, input: { url: string; events: WebhookEvent[] }): Promise<{ webhook: WebhookDto; signingSecret: string }> {
      const { institutionId, kind } = officer(p);
      const events = [...new Set(input.events)];
      if (events.length === 0) throw badInput('events: name at least one event', { field: 'events' });
      const refused = events.filter((e) => !EVENTS_BY_KIND[kind].includes(e));
      if (refused.length) throw badInput(`events: a ${kind.toLowerCase()} may not subscribe to ${refused.join(', ')}`, { field: 'events' });
      try {
        await checkWebhookUrl(input.url, policy, resolve);
      } catch (err) {
        if (err instanceof UrlRefused) throw badInput(err.message, { field: 'url' });
        throw err;
      }
      const secret = newSigningSecret();
      const at = now();
      const record: WebhookRecord = {
        _id: randomUUID(),
        institutionId,
        institutionKind: kind,
        url: input.url,
        events,
        active: true,
        secretSealed: box.seal(secret),
        createdBy: p.userId,
        createdAt: at,
        updatedAt: at,
      };
      await repo.insertWebhook(record);
      return { webhook: webhookDto(record), signingSecret: secret };
    },

    async setActive(p: Principal, id: string, active: boolean): Promise<WebhookDto> {
      const { institutionId } = officer(p);
      await ownWebhook(p, id);
      const w = await repo.setActive(id, institutionId, active, now());
      if (!w) throw notFound('Webhook');
      if (active) kick();
      return webhookDto(w);
    },

    async list(p: Principal): Promise<WebhookDto[]> {
      const { institutionId } = officer(p);
      return (await repo.webhooksOf(institutionId)).map(webhookDto);
    },

    /** The institution's deliveries, newest first; of one webhook and/or one status when asked. */
    async deliveries(
      p: Principal,
      q: { webhookId?: string | undefined; status?: DeliveryStatus | undefined; first?: unknown; after?: unknown },
    ) {
      const { institutionId } = officer(p);
      if (q.webhookId) await ownWebhook(p, q.webhookId);
      const hooks = new Map((await repo.webhooksOf(institutionId)).map((w) => [w._id, w]));
      const page = await repo.deliveryPage(
        { institutionId, ...(q.webhookId ? { webhookId: q.webhookId } : {}), ...(q.status ? { status: q.status } : {}) },
        { first: q.first, after: q.after },
      );
      return {
        ...page,
        edges: page.edges.flatMap((e) => {
          const w = hooks.get(e.node.webhookId);
          return w ? [{ cursor: e.cursor, node: deliveryDto(e.node, w) }] : [];
        }),
      };
    },

    /** Sends the event again now, as a new delivery with the same event id (and body). */
    async redeliver(p: Principal, deliveryId: string): Promise<DeliveryDto> {
      const { institutionId } = officer(p);
      const d = await repo.findDelivery(deliveryId);
      if (!d || d.institutionId !== institutionId) throw notFound('Webhook delivery');
      const w = await ownWebhook(p, d.webhookId);
      const at = now();
      const id = randomUUID();
      const copy: DeliveryRecord = {
        ...d,
        _id: id,
        dedupeKey: `manual:${id}`,
        manual: true,
        ...freshDelivery(at),
      };
      await repo.insertDeliveries([copy]);
      kick();
      return deliveryDto(copy, w);
    },
  };
}
export type ManageWebhooks = ReturnType<typeof manageWebhooks>;
