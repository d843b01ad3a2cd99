import { MATCHMAKING_TOPICS, matchAccepted, matchRejected, matchWithdrawn, DEMAND_EVENTS } from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import type { RequestUseCases } from '../domain/requests';

/** Thin: each match or demand event hands its snapshot and version to the use case. */
export function guaranteeConsumers(requests: RequestUseCases) {
  return {
    topics: [MATCHMAKING_TOPICS.match, MATCHMAKING_TOPICS.demand],
    handlers: {
      ...onEvent(DEMAND_EVENTS, (d, e) => requests.onDemand(d.demand, e.version)),
      ...onEvent(matchAccepted, (d, e) => requests.onMatchAccepted(d.match, e.version)),
      ...onEvent(matchWithdrawn, (d, e) => requests.onMatchGone(d.match, e.version, 'match withdrawn')),
      ...onEvent(matchRejected, (d, e) => requests.onMatchGone(d.match, e.version, 'match rejected')),
    },
  };
}
