import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { EventEnvelope, GuaranteeRequestSnapshot, MatchSnapshot, PolicySnapshot } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type { GuaranteeCopy, MatchCopy, PolicyCopy } from './copies';
import type { Loan, LoanRecord } from './loan-record';

/** What the loan use-cases need from the store; `data/repository.ts` implements it. */
export interface LoanRepository {
  /** Each copy is kept only when the event's version is newer than the stored one (true when written). */
  saveMatch(s: MatchSnapshot, version: number): Promise<boolean>;
  saveGuarantee(r: GuaranteeRequestSnapshot, version: number): Promise<boolean>;
  savePolicy(p: PolicySnapshot, version: number): Promise<boolean>;
  saveCalendar(c: WorkingCalendarSnapshot, version: number): Promise<boolean>;
  findMatchCopy(id: string): Promise<MatchCopy | null>;
  guaranteesOfMatch(matchId: string): Promise<GuaranteeCopy[]>;
  findPolicy(): Promise<PolicyCopy | null>;
  findCalendar(): Promise<WorkingCalendarSnapshot | null>;

  findLoan(id: string): Promise<Loan | null>;
  loansByIds(ids: string[]): Promise<Loan[]>;
  /** Inserts a new loan with its event; false when the match already has one. */
  insertLoan(record: LoanRecord): Promise<boolean>;
  /** The changed fields and their events, only if the loan is still at `version`; false when it is not. */
  updateLoan(id: string, version: number, set: Partial<LoanRecord>, events: EventEnvelope[]): Promise<boolean>;
  /** One page of loans matching `filter`, newest first. */
  page<T>(filter: Record<string, unknown>, args: { first?: unknown; after?: unknown }, toNode: (l: LoanRecord) => T): Promise<Page<T>>;
  /** Loans with an unpaid instalment past due that are not yet marked OVERDUE. */
  newlyOverdue(now: Date, limit: number): Promise<Loan[]>;
  /** Open loans maturing before `horizon` whose maturity notice is not raised yet. */
  maturingBefore(horizon: Date, limit: number): Promise<Loan[]>;
}
