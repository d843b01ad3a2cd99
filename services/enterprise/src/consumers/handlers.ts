import { CREDIT_TOPICS, enterpriseRegistered, GUARANTEE_EVENTS, MATCH_EVENTS, MATCHMAKING_TOPICS } from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { ConsumerSpec } from '@yinqi/service-kit';
import type { DemandUseCases } from '../domain/demands';
import type { EnterpriseUseCases } from '../domain/enterprises';

/**
 * Three consumer groups, so a burst of match events never delays the registrations that a newly
 * signed-up enterprise's first request is waiting for.
 */
export function enterpriseConsumers(enterprises: EnterpriseUseCases, demands: DemandUseCases, logger: Logger): ConsumerSpec[] {
  const registrations = onEvent(enterpriseRegistered, (data, event) =>
    enterprises.projectRegistration(data, event.version, event.occurredAt),
  );

  const matches = onEvent(MATCH_EVENTS, async ({ match }, event) => {
    const outcome = await demands.applyMatchEvent(match, event.version);
    if (outcome === 'unknown-demand')
      logger.warn(
        { type: event.type, matchId: match.matchId, demandId: match.demandId },
        'match event for a demand we do not have; skipped',
      );
  });

  /**
   * 政银担: a guarantee institution that quoted on a request has a guarantee request with the
   * enterprise (API-CONTRACT "Enterprises"), so its officers may read the enterprise and the
   * demand. Recording is $addToSet, so a re-delivered or older event changes nothing. An OPEN
   * request nobody quoted on relates no institution: guarantors see it through the guarantee
   * service, which owns the request.
   */
  const guarantees = onEvent(GUARANTEE_EVENTS, async ({ request }) => {
    const guarantorIds = [...new Set(request.quotes.map((q) => q.guarantorId))];
    for (const guarantorId of guarantorIds) await enterprises.recordGuarantorRelation(request.enterpriseId, request.demandId, guarantorId);
  });

  return [
    { group: 'profiles', topics: [MATCHMAKING_TOPICS.enterprise], handlers: registrations },
    { group: 'matches', topics: [MATCHMAKING_TOPICS.match], handlers: matches },
    { group: 'guarantees', topics: [CREDIT_TOPICS.guarantee], handlers: guarantees },
  ];
}
