import type { PageArgs } from '../clients/types';
import { forRole } from './for-role';

const OFFICERS = ['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER'] as const;

/** Webhooks of the open interface: thin calls; the webhook service checks the institution and every rule. */
export const webhookResolvers = {
  Query: {
    webhooks: forRole([...OFFICERS], (clients, token) => clients.webhook.list(token)),
    webhookDeliveries: forRole([...OFFICERS], (clients, token, args: PageArgs & { webhookId?: string | null; status?: string | null }) =>
      clients.webhook.deliveries(token, args),
    ),
  },
  Mutation: {
    registerWebhook: forRole([...OFFICERS], (clients, token, args: { url: string; events: string[] }) =>
      clients.webhook.register(token, { url: args.url, events: args.events }),
    ),
    setWebhookActive: forRole([...OFFICERS], (clients, token, args: { id: string; active: boolean }) =>
      clients.webhook.setActive(token, args.id, args.active),
    ),
    redeliverWebhook: forRole([...OFFICERS], (clients, token, args: { deliveryId: string }) =>
      clients.webhook.redeliver(token, args.deliveryId),
    ),
  },
};
