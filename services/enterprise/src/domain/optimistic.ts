import { AppError } from '@yinqi/errors';

/**
 * Runs a read-decide-write step until its conditional write wins (the step returns a value) or
 * `attempts` lost races in a row, which ends in a retriable CONFLICT: single-document
 * compare-and-set is all FerretDB gives us, so contention is resolved by re-reading.
 */
export async function withOptimisticRetry<T>(what: string, step: () => Promise<T | undefined>, attempts = 8): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const result = await step();
    if (result !== undefined) return result;
  }
  throw new AppError('CONFLICT', `${what} is being changed by someone else; try again`, { retriable: true });
}
