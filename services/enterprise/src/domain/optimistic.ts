import { versionConflict } from '@yinqi/events';

/**
 * Runs a read-decide-write step until its version-conditional write wins (the step returns a
 * value) or `attempts` lost races in a row, which ends in the platform's retriable CONFLICT
 * (versionConflict). `what` names the aggregate ("Demand").
 */
export async function withOptimisticRetry<T>(what: string, step: () => Promise<T | undefined>, attempts = 8): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const result = await step();
    if (result !== undefined) return result;
  }
  throw versionConflict(what);
}
