import { DEFAULT_COPY_WAIT_MS } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { LoanRepository } from './loan-repository';

/** 无还本续贷 request window (days before maturity) unless RENEWAL_WINDOW_DAYS says otherwise. */
export const DEFAULT_RENEWAL_WINDOW_DAYS = 30;

/** What every loan use-case is given: the store, the relay's bell, the clock and the service's settings. */
export interface LoanDeps {
  repo: LoanRepository;
  logger: Logger;
  /** Tells the outbox relay a loan has new events (its id, so the relay reads that loan only). */
  published: (loanId?: string) => void;
  now: () => Date;
  /** Days before maturity at which loan.maturity-approaching is raised. */
  maturityNoticeDays: number;
  /** 无还本续贷 "at or near maturity": requested (and approved) no earlier than this many days before maturity. */
  renewalWindowDays: number;
  /** How long a disburse waits for the match's acceptance (and a guarantee's selection) to reach our copies. */
  copyWaitMs: number;
  /** The wait's clock (tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** What main.ts (and a test) passes: the clock and the settings may be left to their defaults. */
export type LoanDepsInput = Pick<LoanDeps, 'repo' | 'logger' | 'published' | 'sleep'> &
  Partial<Pick<LoanDeps, 'now' | 'maturityNoticeDays' | 'renewalWindowDays' | 'copyWaitMs'>>;

export function withDefaults({
  now = () => new Date(),
  maturityNoticeDays = 30,
  renewalWindowDays = DEFAULT_RENEWAL_WINDOW_DAYS,
  copyWaitMs = DEFAULT_COPY_WAIT_MS,
  ...rest
}: LoanDepsInput): LoanDeps {
  return { ...rest, now, maturityNoticeDays, renewalWindowDays, copyWaitMs };
}
