import { AppError, notFound } from '@yinqi/errors';

/** How a service reads and conditionally writes one kind of aggregate. */
export interface AggregateAccess<S extends { version: number }, C> {
  /** The aggregate as stored now, or null when there is none. */
  load(id: string): Promise<S | null>;
  /**
   * Writes `change` (the new fields and the events reporting them, in one single-document write)
   * only if the stored version is still `expectedVersion`, bumping it by one; false when another
   * writer got there first.
   */
  write(id: string, expectedVersion: number, change: C, next: S): Promise<boolean>;
}

/** What a command decided about the current state: the next state and the write that makes it so. */
export interface Decided<S, C> {
  next: S;
  change: C;
}

export interface UpdateAggregateOptions<S, C> {
  /** The aggregate's name in messages ("Loan"): NOT_FOUND and CONFLICT name it. */
  what: string;
  /** Lost races in a row before giving up with a retriable CONFLICT. */
  attempts?: number;
  /** Pause before re-reading after a lost race, doubled each time (0: re-read at once). */
  backoffMs?: number;
  /** Called once after the write succeeded (e.g. to wake the outbox relay). */
  written?: (next: S, change: C) => void;
}

/**
 * The one read → decide → write step of every aggregate command: load the aggregate, let `decide`
 * refuse (an AppError: nothing is written), leave it as it is (null: answers the current state)
 * or change it, and write the change conditionally on the version that was read. The store makes
 * that write atomic (MongoDB's promise, which the local store keeps: tests/store), so this is
 * correct with any number of processes or replicas writing the same aggregate; a lost race re-reads
 * and decides again. After `attempts` lost races it answers a *retriable* CONFLICT, so an event
 * consumer retries it instead of dead-lettering the event.
 */
export async function updateAggregate<S extends { version: number }, C>(
  access: AggregateAccess<S, C>,
  id: string,
  decide: (current: S) => Decided<S, C> | null | AppError,
  opts: UpdateAggregateOptions<S, C>,
): Promise<S> {
  const attempts = opts.attempts ?? 8;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const current = await access.load(id);
    if (!current) throw notFound(opts.what);
    const d = decide(current);
    if (d instanceof Error) throw d;
    if (d === null) return current;
    if (await access.write(id, current.version, d.change, d.next)) {
      opts.written?.(d.next, d.change);
      return d.next;
    }
    if (opts.backoffMs) await new Promise((r) => setTimeout(r, opts.backoffMs! * 2 ** attempt));
  }
  throw versionConflict(opts.what);
}

/** The retriable CONFLICT of a write that kept losing races: trying again later succeeds. */
export function versionConflict(what: string): AppError {
  return new AppError('CONFLICT', `The ${what.toLowerCase()} changed while this request was processed; try again`, { retriable: true });
}
