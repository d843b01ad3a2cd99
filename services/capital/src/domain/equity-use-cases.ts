import type { Principal } from '@yinqi/auth';
import type { EnterpriseSnapshot, EquityRoundSnapshot, FundMandateSnapshot, ListingStage } from '@yinqi/contracts';
import type { z } from 'zod';
import { applyEnterpriseChange } from './apply-enterprise-change';
import { applyListingStage } from './apply-listing-stage';
import { applyRoundChange } from './apply-round-change';
import type { PageArgs } from './capital-repository';
import { closeEquityRound } from './close-equity-round';
import { withClock, type EquityDeps, type WithOptionalClock } from './deps';
import { listFundMatches } from './list-fund-matches';
import { listMyEquityRounds } from './list-my-equity-rounds';
import { listMyFundMandates } from './list-my-fund-mandates';
import { listRoundMatches } from './list-round-matches';
import { loadFundMatcher } from './load-fund-matcher';
import { matchNewMandate } from './match-new-mandate';
import { postEquityRound } from './post-equity-round';
import { publishFundMandate } from './publish-fund-mandate';
import { respondToFundMatch } from './respond-to-fund-match';
import type { equityRoundSchema, fundMandateSchema } from './schemas';

/**
 * Equity rounds (股权融资) matched to fund mandates (政府引导基金, venture funds). Matching runs in
 * this service's consumer, from its own events (round posted/closed, mandate published, listing
 * stage set) and the enterprise events (tier, industry): the outbox guarantees the event, and the
 * match id derived from (round, mandate) makes exactly one match per pair whatever the order or
 * re-delivery. As with loan matches, a PROPOSED match that stops being eligible is WITHDRAWN (with
 * the failed rules as its reason) and comes back to PROPOSED if it becomes eligible again; once the
 * fund has answered (INTERESTED or DECLINED) the match stays as answered.
 */
export function equityUseCases(input: WithOptionalClock<EquityDeps>) {
  const deps = withClock<EquityDeps>(input);
  return {
    load: () => loadFundMatcher(deps),

    // consumers
    onEnterprise: (e: EnterpriseSnapshot & { uscc?: string }, version: number) => applyEnterpriseChange(deps, e, version),
    onStage: (enterpriseId: string, stage: ListingStage, version: number) => applyListingStage(deps, enterpriseId, stage, version),
    onRound: (r: EquityRoundSnapshot, version: number) => applyRoundChange(deps, r, version),
    onMandate: (m: FundMandateSnapshot) => matchNewMandate(deps, m),

    // commands and queries
    postRound: (p: Principal, round: z.infer<typeof equityRoundSchema>) => postEquityRound(deps, p, round),
    closeRound: (p: Principal, roundId: string) => closeEquityRound(deps, p, roundId),
    myRounds: (p: Principal) => listMyEquityRounds(deps, p),
    roundMatches: (p: Principal, roundId: string) => listRoundMatches(deps, p, roundId),
    publishMandate: (p: Principal, mandate: z.infer<typeof fundMandateSchema>) => publishFundMandate(deps, p, mandate),
    myMandates: (p: Principal) => listMyFundMandates(deps, p),
    fundMatches: (p: Principal, page: PageArgs) => listFundMatches(deps, p, page),
    respond: (p: Principal, matchId: string, interested: boolean, note: string | null) =>
      respondToFundMatch(deps, p, matchId, interested, note),
  };
}
export type EquityUseCases = ReturnType<typeof equityUseCases>;
