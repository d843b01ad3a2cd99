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
  type WorkingCalendarSnapshotData,
  type GuaranteeRequestSnapshot,
  type MatchSnapshot,
  type PolicySnapshot,
} from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import type { LoanUseCases } from '../domain/loan-use-cases';

/** Thin: each event hands its snapshot and version to the use case, which keeps its own copy. */
export function loanConsumers(useCases: LoanUseCases) {
  const match: EventHandler = (e) => useCases.onMatch((e.data as { match: MatchSnapshot }).match, e.version);
  const guarantee: EventHandler = (e) => useCases.onGuarantee((e.data as { request: GuaranteeRequestSnapshot }).request, e.version);
  return {
    topics: [MATCHMAKING_TOPICS.match, CREDIT_TOPICS.guarantee, CREDIT_TOPICS.policy],
    handlers: {
      [matchProposed.type]: match,
      [matchWithdrawn.type]: match,
      [matchResponded.type]: match,
      [matchOffered.type]: match,
      [matchAccepted.type]: match,
      [matchRejected.type]: match,
      [matchFunded.type]: match,
      [guaranteeRequestOpened.type]: guarantee,
      [guaranteeQuoted.type]: guarantee,
      [guaranteeQuoteSelected.type]: guarantee,
      [guaranteeRequestClosed.type]: guarantee,
      [policyChanged.type]: (e) => useCases.onPolicy((e.data as { policy: PolicySnapshot }).policy, e.version),
      [workingCalendarChanged.type]: (e) => useCases.onCalendar((e.data as { calendar: WorkingCalendarSnapshotData }).calendar, e.version),
    } satisfies Record<string, EventHandler>,
  };
}
