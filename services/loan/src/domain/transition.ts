import type { EventDefinition, EventEnvelope } from '@yinqi/contracts';
import type { AppError } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { LoanDeps } from './deps';
import { LOANS_COLLECTION, type Loan, type LoanRecord } from './loan-record';
import { snapshotOf } from './loan-view';

/** The `source` of every event the loan service raises. */
export const SOURCE = 'loan';

/** A decision on a loan: the fields to set and the events that report it, or null for "nothing to do". */
export type Change = { set: Partial<LoanRecord>; events: { def: EventDefinition; extra?: Record<string, unknown> }[] } | null;

/**
 * One loan command: the shared read → decide → version-conditional write (updateAggregate), with a
 * short backoff after a lost race so the other writer's step can finish. The document lock only
 * keeps this process's writers of one loan (and its outbox relay) from racing each other.
 */
export function transition(
  { repo, published }: Pick<LoanDeps, 'repo' | 'published'>,
  id: string,
  decide: (l: Loan) => Change | AppError,
): Promise<Loan> {
  return withDocumentLock(documentLockKey(LOANS_COLLECTION, id), () =>
    updateAggregate<Loan, { set: NonNullable<Change>['set']; events: EventEnvelope[] }>(
      { load: (key) => repo.findLoan(key), write: (key, version, c) => repo.updateLoan(key, version, c.set, c.events) },
      id,
      (l) => {
        const d = decide(l);
        if (d === null || d instanceof Error) return d;
        const next: Loan = { ...l, ...d.set, version: l.version + 1 };
        const events = d.events.map((e) =>
          newEvent(e.def, { key: id, version: next.version, source: SOURCE, data: { loan: snapshotOf(next), ...(e.extra ?? {}) } }),
        );
        return { next, change: { set: d.set, events } };
      },
      { what: 'Loan', backoffMs: 10, written: (next, c) => c.events.length > 0 && published(next._id) },
    ),
  );
}
