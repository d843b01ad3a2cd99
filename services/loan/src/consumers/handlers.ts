import { CREDIT_TOPICS, GUARANTEE_EVENTS, MATCHMAKING_TOPICS, MATCH_EVENTS, policyChanged, workingCalendarChanged } from '@yinqi/contracts';
import { onEvent } from '@yinqi/events';
import type { LoanUseCases } from '../domain/loan-use-cases';

/** Thin: each event hands its snapshot and version to the use case, which keeps its own copy. */
export function loanConsumers(useCases: LoanUseCases) {
  return {
    topics: [MATCHMAKING_TOPICS.match, CREDIT_TOPICS.guarantee, CREDIT_TOPICS.policy],
    handlers: {
      ...onEvent(MATCH_EVENTS, (d, e) => useCases.onMatch(d.match, e.version)),
      ...onEvent(GUARANTEE_EVENTS, (d, e) => useCases.onGuarantee(d.request, e.version)),
      ...onEvent(policyChanged, (d, e) => useCases.onPolicy(d.policy, e.version)),
      ...onEvent(workingCalendarChanged, (d, e) => useCases.onCalendar(d.calendar, e.version)),
    },
  };
}
