import type { Principal } from '@yinqi/auth';
import type { DemandSnapshot, EnterpriseSnapshot, MatchStatus, PolicySnapshot, ProductSnapshot } from '@yinqi/contracts';
import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import { acceptOffer } from './accept-offer';
import { bankInbox } from './bank-inbox';
import { withDefaults, type MatchingDeps } from './deps';
import { followCalendar } from './follow-calendar';
import { followPolicy } from './follow-policy';
import { fundMatch } from './fund-match';
import { loadMatcher } from './load-matcher';
import { makeOffer, type OfferInput } from './make-offer';
import type { Match } from './match';
import { matchDemand } from './match-demand';
import { toMatchDto } from './match-dto';
import { matchProduct } from './match-product';
import { rematchEnterprise } from './rematch-enterprise';
import { respondToMatch } from './respond-to-match';
import { setGuaranteeFee } from './set-guarantee-fee';
import { visibleMatches } from './visible-matches';

/** Every matching use case bound to one set of dependencies: the object routes and consumers call. */
export function matchingUseCases(input: MatchingDeps) {
  const deps = withDefaults(input);
  return {
    toDto: (m: Match) => toMatchDto(deps, m),
    load: () => loadMatcher(deps),
    onLoanDisbursed: (matchId: string) => fundMatch(deps, matchId),
    onGuaranteeSelected: (matchId: string, feeRate: number | null) => setGuaranteeFee(deps, matchId, feeRate),
    onPolicy: (policy: PolicySnapshot, version: number) => followPolicy(deps, policy, version),
    onCalendar: (calendar: WorkingCalendarSnapshot, version: number) => followCalendar(deps, calendar, version),
    onEnterprise: (e: EnterpriseSnapshot, version: number) => rematchEnterprise(deps, e, version),
    onDemand: (d: DemandSnapshot, version: number) => matchDemand(deps, d, version),
    onProduct: (p: ProductSnapshot, version: number) => matchProduct(deps, p, version),
    visible: visibleMatches,
    bankMatches: (
      principal: Principal,
      status: MatchStatus | undefined,
      page: { first?: unknown; after?: unknown },
      enterpriseName?: string,
    ) => bankInbox(deps, principal, status, page, enterpriseName),
    respond: (principal: Principal, id: string, interested: boolean, reason: string | null) =>
      respondToMatch(deps, principal, id, interested, reason),
    makeOffer: (principal: Principal, id: string, offer: OfferInput) => makeOffer(deps, principal, id, offer),
    accept: (principal: Principal, id: string) => acceptOffer(deps, principal, id),
  };
}
export type MatchingUseCases = ReturnType<typeof matchingUseCases>;
