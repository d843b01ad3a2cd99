import type { PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';

const OFFICERS = ['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER'] as const;

/** Webhooks of the open interface: thin calls; the webhook service checks the institution and every rule. */
export const webhookResolvers = {
  Query: {
    webhooks: (_: unknown, __: unknown, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.webhook.list(ctx.requireToken());
    },
    webhookDeliveries: (_: unknown, args: PageArgs & { webhookId?: string | null; status?: string | null }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.webhook.deliveries(ctx.requireToken(), args);
    },
  },
  Mutation: {
    registerWebhook: (_: unknown, args: { url: string; events: string[] }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.webhook.register(ctx.requireToken(), { url: args.url, events: args.events });
    },
    setWebhookActive: (_: unknown, args: { id: string; active: boolean }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.webhook.setActive(ctx.requireToken(), args.id, args.active);
    },
    redeliverWebhook: (_: unknown, args: { deliveryId: string }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.webhook.redeliver(ctx.requireToken(), args.deliveryId);
    },
  },
};
