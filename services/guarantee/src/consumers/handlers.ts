import {
  demandPosted,
  demandStatusChanged,
  demandWithdrawn,
  MATCHMAKING_TOPICS,
  matchAccepted,
  matchRejected,
  matchWithdrawn,
  type DemandSnapshot,
  type MatchSnapshot,
} from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import type { RequestUseCases } from '../domain/requests';

/** Thin: each match or demand event hands its snapshot and version to the use case. */
export function guaranteeConsumers(requests: RequestUseCases) {
  const match = (e: Parameters<EventHandler>[0]) => (e.data as { match: MatchSnapshot }).match;
  const demand: EventHandler = (e) => requests.onDemand((e.data as { demand: DemandSnapshot }).demand, e.version);
  return {
    topics: [MATCHMAKING_TOPICS.match, MATCHMAKING_TOPICS.demand],
    handlers: {
      [demandPosted.type]: demand,
      [demandWithdrawn.type]: demand,
      [demandStatusChanged.type]: demand,
      [matchAccepted.type]: (e) => requests.onMatchAccepted(match(e), e.version),
      [matchWithdrawn.type]: (e) => requests.onMatchGone(match(e), e.version, 'match withdrawn'),
      [matchRejected.type]: (e) => requests.onMatchGone(match(e), e.version, 'match rejected'),
    } satisfies Record<string, EventHandler>,
  };
}
