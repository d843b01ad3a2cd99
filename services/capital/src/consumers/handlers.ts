import {
  CAPITAL_TOPICS,
  enterpriseCertified,
  enterpriseProfileUpdated,
  enterpriseRegistered,
  equityRoundClosed,
  equityRoundPosted,
  fundMandatePublished,
  listingStageSet,
  MATCHMAKING_TOPICS,
  unprofiledEnterprise,
} from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import type { EquityUseCases } from '../domain/equity-use-cases';

/**
 * Thin: the enterprise events keep our enterprise copy (name, tier, industry); our own listing and
 * equity events drive fund matching (so a crash after a command's write never loses a match).
 */
export function capitalConsumers(equity: EquityUseCases) {
  return {
    group: 'matcher',
    topics: [MATCHMAKING_TOPICS.enterprise, CAPITAL_TOPICS.listing, CAPITAL_TOPICS.equity],
    handlers: {
      // A new enterprise starts untiered until the finance centre certifies it; only registration carries the USCC.
      ...onEvent(enterpriseRegistered, (d, e) => equity.onEnterprise({ ...unprofiledEnterprise(d), uscc: d.uscc }, e.version)),
      ...onEvent([enterpriseProfileUpdated, enterpriseCertified], (d, e) => equity.onEnterprise(d.enterprise, e.version)),
      ...onEvent(listingStageSet, (d, e) => equity.onStage(d.candidate.enterpriseId, d.candidate.stage, e.version)),
      ...onEvent([equityRoundPosted, equityRoundClosed], (d, e) => equity.onRound(d.round, e.version)),
      ...onEvent(fundMandatePublished, (d) => equity.onMandate(d.mandate)),
    },
  };
}
