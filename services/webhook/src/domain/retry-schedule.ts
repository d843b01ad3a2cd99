/** How deliveries are retried (API-CONTRACT-OPEN.md "Webhooks"); every number configurable for tests. */
export interface RetrySchedule {
  /** First retry after this long (contract: near 1 s). */
  baseMs: number;
  /** Delays double up to this (contract: 10 minutes). */
  capMs: number;
  /** Retried for this long after the first attempt, then FAILED (contract: 24 hours). */
  windowMs: number;
  /** A 2xx must arrive within this (contract: 10 s). */
  timeoutMs: number;
}

export const CONTRACT_SCHEDULE: RetrySchedule = { baseMs: 1_000, capMs: 600_000, windowMs: 24 * 3_600_000, timeoutMs: 10_000 };

/** Delay before the next attempt after `failedAttempts` failures (1 → base, 2 → 2·base, … capped). */
export function retryDelayMs(s: RetrySchedule, failedAttempts: number): number {
  const exp = Math.min(Math.max(failedAttempts - 1, 0), 40);
  return Math.min(s.baseMs * 2 ** exp, s.capMs);
}

/**
 * After a failed attempt: when to try again, or undefined when the window is spent (FAILED). The
 * window counts from the first attempt, not from the event: events kept while a webhook was
 * inactive get their full 24 hours once it is active again.
 */
export function nextAttemptAt(s: RetrySchedule, firstAttemptAt: Date, failedAttempts: number, now: Date): Date | undefined {
  const next = new Date(now.getTime() + retryDelayMs(s, failedAttempts));
  return next.getTime() - firstAttemptAt.getTime() > s.windowMs ? undefined : next;
}
