import {
  CREDIT_TOPICS,
  enterpriseCertified,
  enterpriseProfileUpdated,
  enterpriseRegistered,
  guaranteeQuoteSelected,
  loanDisbursed,
  MATCHMAKING_TOPICS,
  policyChanged,
  unprofiledEnterprise,
  workingCalendarChanged,
  type GuaranteeRequestSnapshot,
  DEMAND_EVENTS,
  PRODUCT_EVENTS,
} from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import type { MatchingUseCases } from '../domain/matching';

/** The fee rate of the quote the enterprise selected (null when the request names none it holds). */
const selectedFeeRate = (request: GuaranteeRequestSnapshot) =>
  request.quotes.find((q) => q.quoteId === request.selectedQuoteId)?.feeRate ?? null;

/** Thin: each event hands its snapshot and version to the use case. */
export function matchingConsumers(useCases: MatchingUseCases) {
  return {
    topics: [
      MATCHMAKING_TOPICS.enterprise,
      MATCHMAKING_TOPICS.demand,
      MATCHMAKING_TOPICS.product,
      CREDIT_TOPICS.guarantee,
      CREDIT_TOPICS.policy,
      CREDIT_TOPICS.loan,
    ],
    handlers: {
      ...onEvent(enterpriseRegistered, (d, e) => useCases.onEnterprise(unprofiledEnterprise(d), e.version)),
      ...onEvent([enterpriseProfileUpdated, enterpriseCertified], (d, e) => useCases.onEnterprise(d.enterprise, e.version)),
      ...onEvent(DEMAND_EVENTS, (d, e) => useCases.onDemand(d.demand, e.version)),
      ...onEvent(PRODUCT_EVENTS, (d, e) => useCases.onProduct(d.product, e.version)),
      ...onEvent(guaranteeQuoteSelected, (d) => useCases.onGuaranteeSelected(d.request.matchId, selectedFeeRate(d.request))),
      ...onEvent(loanDisbursed, (d) => useCases.onLoanDisbursed(d.loan.matchId)),
      ...onEvent(policyChanged, (d, e) => useCases.onPolicy(d.policy, e.version)),
      ...onEvent(workingCalendarChanged, (d, e) => useCases.onCalendar(d.calendar, e.version)),
    },
  };
}
