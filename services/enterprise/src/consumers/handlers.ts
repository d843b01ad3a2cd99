import { enterpriseRegistered, MATCH_EVENT_TYPES, MATCHMAKING_TOPICS, matchProposed } from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { ConsumerSpec } from '@yinqi/service-kit';
import type { DemandUseCases } from '../domain/demands';
import type { EnterpriseUseCases } from '../domain/enterprises';

/**
 * Two consumer groups, so a burst of match events never delays the registrations that a newly
 * signed-up enterprise's first request is waiting for.
 */
export function enterpriseConsumers(enterprises: EnterpriseUseCases, demands: DemandUseCases, logger: Logger): ConsumerSpec[] {
  const onRegistered: EventHandler = async (event) => {
    const data = enterpriseRegistered.schema.parse(event.data);
    await enterprises.projectRegistration(data, event.version, event.occurredAt);
  };

  // Every match event carries the whole match; they differ only in the status it reached.
  const onMatch: EventHandler = async (event) => {
    const { match } = matchProposed.schema.parse(event.data);
    const outcome = await demands.applyMatchEvent(match, event.version);
    if (outcome === 'unknown-demand') logger.warn({ type: event.type, matchId: match.matchId, demandId: match.demandId }, 'match event for a demand we do not have; skipped');
  };

  return [
    { group: 'profiles', topics: [MATCHMAKING_TOPICS.enterprise], handlers: { [enterpriseRegistered.type]: onRegistered } },
    { group: 'matches', topics: [MATCHMAKING_TOPICS.match], handlers: Object.fromEntries(Object.keys(MATCH_EVENT_TYPES).map((type) => [type, onMatch])) },
  ];
}
