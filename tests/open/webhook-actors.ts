import { gql } from '@yinqi/testing';

export const WEBHOOK_FIELDS = 'id url events active createdAt';
export const DELIVERY_FIELDS = `id eventId event status attempts lastStatusCode lastError nextAttemptAt deliveredAt createdAt webhook { id }`;

export async function registerWebhook(token: string, url: string, events: string[]) {
  return gql<{ registerWebhook: { webhook: { id: string; url: string; events: string[]; active: boolean }; signingSecret: string } }>(
    `mutation($url:String!,$events:[WebhookEvent!]!){ registerWebhook(url:$url, events:$events){ signingSecret webhook { ${WEBHOOK_FIELDS} } } }`,
    { url, events },
    token,
  );
}

/** Registers and fails loudly: for tests whose subject is not registration. */
export async function aWebhook(token: string, url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const r = await registerWebhook(token, url, events);
  if (!r.data) throw new Error(`registerWebhook failed: ${JSON.stringify(r.errors)}`);
  return { id: r.data.registerWebhook.webhook.id, secret: r.data.registerWebhook.signingSecret };
}

export interface DeliveryView {
  id: string;
  eventId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  webhook: { id: string };
}

export async function deliveries(token: string, args: { webhookId?: string; status?: string; first?: number } = {}) {
  return gql<{
    webhookDeliveries: {
      totalCount: number;
      edges: { node: DeliveryView }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }>(
    `query($w:ID,$s:DeliveryStatus,$f:Int){ webhookDeliveries(webhookId:$w, status:$s, first:$f){ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${DELIVERY_FIELDS} } } } }`,
    { w: args.webhookId, s: args.status, f: args.first ?? 100 },
    token,
  );
}
