import { DEFAULT_CALENDAR_SNAPSHOT, WorkingCalendar } from '@yinqi/calendar';
import type { LoanRepository } from './loan-repository';

/** Policy defaults until policy.changed brings the finance centre's settings (contract defaults). */
export const DEFAULT_POLICY = {
  riskShareGuarantor: 50,
  riskShareBank: 20,
  riskShareGovernment: 30,
  bridgeRequestWindowDays: 20,
  bridgeMaxWorkingDays: 7,
};

/** The finance centre's policy as the last policy.changed left it, the defaults until one arrives. */
export async function currentPolicy(repo: LoanRepository) {
  return { ...DEFAULT_POLICY, ...((await repo.findPolicy()) ?? {}) };
}

/**
 * The working calendar as the last calendar.changed left it (the official schedules until one
 * arrives). Read from our copy on every use, not cached: whichever replica consumed the change,
 * every replica counts with it from the next command on, without a restart.
 */
export async function currentCalendar(repo: LoanRepository): Promise<WorkingCalendar> {
  return new WorkingCalendar((await repo.findCalendar()) ?? DEFAULT_CALENDAR_SNAPSHOT);
}
