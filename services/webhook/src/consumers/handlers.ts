import { CAPITAL_TOPICS, CREDIT_TOPICS, MATCHMAKING_TOPICS } from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import { SOURCE_EVENT_TYPES } from '../domain/webhook-events';

/** Thin: every event an institution may hear of becomes deliveries (domain/record-deliveries.ts). */
export function webhookConsumers(record: (e: Parameters<EventHandler>[0]) => Promise<number>) {
  const handler: EventHandler = async (e) => {
    await record(e);
  };
  return {
    group: 'fanout',
    // A handler writes only the deliveries of its own event (unique per webhook and event id), so
    // events of different aggregates may be recorded at once; one aggregate's stay in order.
    keyConcurrency: 16,
    topics: [MATCHMAKING_TOPICS.match, CREDIT_TOPICS.guarantee, CREDIT_TOPICS.loan, CAPITAL_TOPICS.equity],
    handlers: Object.fromEntries(SOURCE_EVENT_TYPES.map((t) => [t, handler])) as Record<string, EventHandler>,
  };
}
