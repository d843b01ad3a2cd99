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
  type EnterpriseRegistered,
  type EnterpriseSnapshot,
  type EquityRoundSnapshot,
  type FundMandateSnapshot,
  type ListingCandidateSnapshot,
} from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import type { EquityUseCases } from '../domain/equity-use-cases';

/**
 * Thin: the enterprise events keep our enterprise copy (name, tier, industry); our own listing and
 * equity events drive fund matching (so a crash after a command's write never loses a match).
 */
export function capitalConsumers(equity: EquityUseCases) {
  const enterprise: EventHandler = (e) => equity.onEnterprise((e.data as { enterprise: EnterpriseSnapshot }).enterprise, e.version);
  const round: EventHandler = (e) => equity.onRound((e.data as { round: EquityRoundSnapshot }).round, e.version);
  return {
    group: 'matcher',
    topics: [MATCHMAKING_TOPICS.enterprise, CAPITAL_TOPICS.listing, CAPITAL_TOPICS.equity],
    handlers: {
      // A new enterprise starts untiered until the finance centre certifies it; only registration carries the USCC.
      [enterpriseRegistered.type]: (e) => {
        const d = e.data as EnterpriseRegistered;
        return equity.onEnterprise(
          {
            enterpriseId: d.enterpriseId,
            name: d.name,
            uscc: d.uscc,
            industry: d.industry,
            town: d.town,
            tier: 'NONE',
            whitelisted: false,
            annualRevenue: null,
            employees: null,
            rdSuperDeductionFiled: null,
            highValuePatents: null,
          },
          e.version,
        );
      },
      [enterpriseProfileUpdated.type]: enterprise,
      [enterpriseCertified.type]: enterprise,
      [listingStageSet.type]: (e) => {
        const c = (e.data as { candidate: ListingCandidateSnapshot }).candidate;
        return equity.onStage(c.enterpriseId, c.stage, e.version);
      },
      [equityRoundPosted.type]: round,
      [equityRoundClosed.type]: round,
      [fundMandatePublished.type]: (e) => equity.onMandate((e.data as { mandate: FundMandateSnapshot }).mandate),
    } satisfies Record<string, EventHandler>,
  };
}
