import { CAPITAL_TOPICS, CREDIT_TOPICS, MATCHMAKING_TOPICS, type EventEnvelope } from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import { SOURCE_EVENTS } from '../domain/webhook-events';

/** Thin: every event an institution may hear of becomes deliveries (domain/record-deliveries.ts). */
export function webhookConsumers(record: (e: EventEnvelope) => Promise<number>) {
  return {
    group: 'fanout',
    // A handler writes only the deliveries of its own event (unique per webhook and event id), so
    // events of different aggregates may be recorded at once; one aggregate's stay in order.
    keyConcurrency: 16,
    topics: [MATCHMAKING_TOPICS.match, CREDIT_TOPICS.guarantee, CREDIT_TOPICS.loan, CAPITAL_TOPICS.equity],
    handlers: onEvent(SOURCE_EVENTS, (_data, e) => record(e)),
  };
}
