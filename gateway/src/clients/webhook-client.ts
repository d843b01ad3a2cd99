import { idSegment } from './id-segment';
import type { WebhookDeliveryDto, WebhookDto, WebhookRegistrationDto } from '@yinqi/contracts';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type PageArgs } from './types';

/** Typed calls to the webhook service (the open interface's webhooks). */
export function webhookClient(http: ServiceClient) {
  return {
    list: (token: string) => http.get<WebhookDto[]>('/webhooks', { token }),
    register: (token: string, input: { url: string; events: string[] }) => http.post<WebhookRegistrationDto>('/webhooks', input, { token }),
    setActive: async (token: string, id: string, active: boolean) =>
      http.post<WebhookDto>(`/webhooks/${idSegment('uuid', 'Webhook', id)}/active`, { active }, { token }),
    deliveries: (token: string, args: PageArgs & { webhookId?: string | null; status?: string | null }) => {
      if (args.webhookId != null) idSegment('uuid', 'Webhook', args.webhookId);
      return http.get<Connection<WebhookDeliveryDto>>('/webhook-deliveries', {
        token,
        query: {
          ...pageQuery(args),
          ...(args.webhookId != null ? { webhookId: args.webhookId } : {}),
          ...(args.status != null ? { status: args.status } : {}),
        },
      });
    },
    redeliver: async (token: string, deliveryId: string) =>
      http.post<WebhookDeliveryDto>(`/webhook-deliveries/${idSegment('uuid', 'Webhook delivery', deliveryId)}/redeliver`, {}, { token }),
  };
}
export type WebhookClient = ReturnType<typeof webhookClient>;
