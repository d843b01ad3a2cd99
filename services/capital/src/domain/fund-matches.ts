import { createHash } from 'node:crypto';
import { fundMatchProposed, fundMatchWithdrawn } from '@yinqi/contracts';
import type { RuleResult } from '@yinqi/engine';
import { newEvent } from '@yinqi/events';
import { created, transition, type Decide } from './aggregate';
import type { EquityDeps } from './deps';
import { matchSnapshot } from './equity-snapshots';
import type { RoundInfo } from './fund-matcher';
import type { Mandate } from './fund-rules';
import { COLLECTIONS, SOURCE, type FundMatchRecord, type Stored } from './records';

/**
 * The matcher's writes of fund matches. A match's id is derived from its (round, mandate) pair,
 * so a pair only ever has one whatever the order or re-delivery of the events that propose it.
 */

type MatchDeps = Pick<EquityDeps, 'repo' | 'published' | 'now'>;

/** A fund match id of a (round, mandate) pair: deterministic, so a pair can only ever have one. */
export const fundMatchIdOf = (roundId: string, mandateId: string) =>
  createHash('sha256').update(`fund\u0000${roundId}\u0000${mandateId}`).digest('hex').slice(0, 32);

/** A match's transition under its document lock (see aggregate.ts). */
export const changeMatch = (deps: Pick<EquityDeps, 'repo' | 'now'>, id: string, decide: Decide<FundMatchRecord>) =>
  transition(deps.repo.matches, COLLECTIONS.matches, id, 'Fund match', decide, deps.now);

function newMatch(now: () => Date, round: RoundInfo, mandate: Mandate, score: number, reasons: RuleResult[]): FundMatchRecord {
  const id = fundMatchIdOf(round.roundId, mandate.mandateId);
  const at = now();
  const fields = {
    _id: id,
    roundId: round.roundId,
    enterpriseId: round.enterpriseId,
    mandateId: mandate.mandateId,
    fundId: mandate.fundId,
    amount: round.amount,
    score,
    reasons,
    status: 'PROPOSED' as const,
    note: null,
    respondedAt: null,
    respondedBy: null,
  };
  return created<FundMatchRecord, typeof fundMatchProposed.schema>(fields, at, fundMatchProposed, (r) => ({ match: matchSnapshot(r) }));
}

/** An eligible pair: a new match, or a WITHDRAWN one proposed again; an answered or proposed one stays. */
export async function proposeMatch(
  deps: MatchDeps,
  round: RoundInfo,
  mandate: Mandate,
  score: number,
  reasons: RuleResult[],
  existing: Stored<FundMatchRecord> | undefined,
): Promise<void> {
  if (!existing) {
    if (await deps.repo.matches.insert(newMatch(deps.now, round, mandate, score, reasons))) deps.published();
    return;
  }
  if (existing.status === 'WITHDRAWN') {
    await changeMatch(deps, existing._id, (m) =>
      m.status === 'WITHDRAWN'
        ? {
            set: { status: 'PROPOSED', score, reasons },
            event: (next) =>
              newEvent(fundMatchProposed, { key: m._id, version: next.version, source: SOURCE, data: { match: matchSnapshot(next) } }),
          }
        : null,
    );
    deps.published();
  }
}

/** A PROPOSED match that stopped being eligible is WITHDRAWN, with `why` as its reason. */
export async function withdrawMatch(deps: MatchDeps, id: string, why: string): Promise<void> {
  await changeMatch(deps, id, (m) =>
    m.status === 'PROPOSED'
      ? {
          set: { status: 'WITHDRAWN' },
          event: (next) =>
            newEvent(fundMatchWithdrawn, {
              key: m._id,
              version: next.version,
              source: SOURCE,
              data: { match: matchSnapshot(next), reason: why },
            }),
        }
      : null,
  );
  deps.published();
}
