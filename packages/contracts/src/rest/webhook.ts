/** What services/webhook answers over REST (the gateway's webhook client reads the same types). */

/** What an institution may subscribe to (contract-open.graphql `WebhookEvent`). */
export const WEBHOOK_EVENTS = [
  'MATCH_PROPOSED',
  'MATCH_ACCEPTED',
  'MATCH_WITHDRAWN',
  'GUARANTEE_REQUESTED',
  'GUARANTEE_SELECTED',
  'RELIEF_REQUESTED',
  'LOAN_OVERDUE',
  'FUND_MATCH_PROPOSED',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDto {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
}

/** A registered webhook: the signing secret is in this answer only. */
export interface WebhookRegistrationDto {
  webhook: WebhookDto;
  signingSecret: string;
}

export interface WebhookDeliveryDto {
  id: string;
  webhookId: string;
  webhook: WebhookDto;
  eventId: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
