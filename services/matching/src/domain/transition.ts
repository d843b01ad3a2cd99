import type { EventDefinition, EventEnvelope, MatchSnapshot } from '@yinqi/contracts';
import type { AppError } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Deps } from './deps';
import type { Match } from './match';

export const SOURCE = 'matching';

/** What a command decided: the fields to set and the event that reports it; null: nothing to do. */
export type Decision = { set: Partial<Match>; def: EventDefinition; reason?: string | null } | null;

/** The match as its events carry it. */
export const snapshotOf = (m: Omit<Match, 'reasons'> & Partial<Pick<Match, 'reasons'>>): MatchSnapshot => ({
  matchId: m._id,
  demandId: m.demandId,
  enterpriseId: m.enterpriseId,
  productId: m.productId,
  bankId: m.bankId,
  score: m.score,
  status: m.status,
  offer: m.offer
    ? { amount: m.offer.amount, annualRate: m.offer.annualRate, termMonths: m.offer.termMonths, conditions: m.offer.conditions }
    : null,
  amount: m.amount,
  needsGuarantee: m.guaranteeRequired,
  createdAt: new Date(m.createdAt).toISOString(),
});

/**
 * One match command: the shared read → decide → version-conditional write (updateAggregate). The
 * document lock only keeps this process's writers of one match from racing each other.
 */
export function transition(
  { repo, published }: Pick<Deps, 'repo' | 'published'>,
  id: string,
  decide: (m: Match) => Decision | AppError,
): Promise<Match> {
  return withDocumentLock(documentLockKey('matches', id), () =>
    updateAggregate<Match, { current: Match; set: NonNullable<Decision>['set']; event: EventEnvelope }>(
      { load: (key) => repo.findMatch(key), write: (_key, _version, c) => repo.updateMatch(c.current, c.set, c.event) },
      id,
      (m) => {
        const d = decide(m);
        if (d === null || d instanceof Error) return d;
        const next: Match = { ...m, ...d.set, version: m.version + 1 };
        const event = newEvent(d.def, {
          key: id,
          version: next.version,
          source: SOURCE,
          data: { match: snapshotOf(next), reason: d.reason ?? null },
        });
        return { next, change: { current: m, set: d.set, event } };
      },
      { what: 'Match', written: () => published(id) },
    ),
  );
}
