import {
  CREDIT_TOPICS,
  guaranteeQuoted,
  guaranteeQuoteSelected,
  guaranteeRequestClosed,
  guaranteeRequestOpened,
  MATCHMAKING_TOPICS,
  matchAccepted,
  matchFunded,
  matchOffered,
  matchProposed,
  matchRejected,
  matchResponded,
  matchWithdrawn,
  policyChanged,
  workingCalendarChanged,
} from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import type { LoanUseCases } from '../domain/loan-use-cases';

/** Thin: each event hands its snapshot and version to the use case, which keeps its own copy. */
export function loanConsumers(useCases: LoanUseCases) {
  return {
    topics: [MATCHMAKING_TOPICS.match, CREDIT_TOPICS.guarantee, CREDIT_TOPICS.policy],
    handlers: {
      ...onEvent([matchProposed, matchWithdrawn, matchResponded, matchOffered, matchAccepted, matchRejected, matchFunded], (d, e) =>
        useCases.onMatch(d.match, e.version),
      ),
      ...onEvent([guaranteeRequestOpened, guaranteeQuoted, guaranteeQuoteSelected, guaranteeRequestClosed], (d, e) =>
        useCases.onGuarantee(d.request, e.version),
      ),
      ...onEvent(policyChanged, (d, e) => useCases.onPolicy(d.policy, e.version)),
      ...onEvent(workingCalendarChanged, (d, e) => useCases.onCalendar(d.calendar, e.version)),
    },
  };
}
