import {
  CREDIT_TOPICS,
  enterpriseRegistered,
  guaranteeQuoted,
  guaranteeQuoteSelected,
  guaranteeRequestClosed,
  guaranteeRequestOpened,
  MATCH_EVENT_TYPES,
  MATCHMAKING_TOPICS,
  matchProposed,
} from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { ConsumerSpec } from '@yinqi/service-kit';
import type { DemandUseCases } from '../domain/demands';
import type { EnterpriseUseCases } from '../domain/enterprises';

/**
 * Three consumer groups, so a burst of match events never delays the registrations that a newly
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
    if (outcome === 'unknown-demand')
      logger.warn(
        { type: event.type, matchId: match.matchId, demandId: match.demandId },
        'match event for a demand we do not have; skipped',
      );
  };

  /**
   * 政银担: a guarantee institution that quoted on a request has a guarantee request with the
   * enterprise (API-CONTRACT "Enterprises"), so its officers may read the enterprise and the
   * demand. Every guarantee event carries the whole request; recording is $addToSet, so a
   * re-delivered or older event changes nothing. An OPEN request nobody quoted on relates no
   * institution: guarantors see it through the guarantee service, which owns the request.
   */
  const onGuarantee: EventHandler = async (event) => {
    const { request } = guaranteeQuoted.schema.parse(event.data);
    const guarantorIds = [...new Set(request.quotes.map((q) => q.guarantorId))];
    for (const guarantorId of guarantorIds) await enterprises.recordGuarantorRelation(request.enterpriseId, request.demandId, guarantorId);
  };
  const guaranteeTypes = [guaranteeRequestOpened, guaranteeQuoted, guaranteeQuoteSelected, guaranteeRequestClosed].map((d) => d.type);

  return [
    { group: 'profiles', topics: [MATCHMAKING_TOPICS.enterprise], handlers: { [enterpriseRegistered.type]: onRegistered } },
    {
      group: 'matches',
      topics: [MATCHMAKING_TOPICS.match],
      handlers: Object.fromEntries(Object.keys(MATCH_EVENT_TYPES).map((type) => [type, onMatch])),
    },
    {
      group: 'guarantees',
      topics: [CREDIT_TOPICS.guarantee],
      handlers: Object.fromEntries(guaranteeTypes.map((type) => [type, onGuarantee])),
    },
  ];
}
