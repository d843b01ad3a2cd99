import { matchRejected, matchWithdrawn, type MatchStatus } from '@yinqi/contracts';
import type { Deps } from './deps';
import { OPEN_FOR_REJECTION, PRE_OFFER, type Match } from './match';
import { transition } from './transition';

/** The match is WITHDRAWN, with why, if it is still in one of `statuses`. */
export async function withdraw(deps: Deps, m: Match, why: string, statuses: MatchStatus[] = PRE_OFFER): Promise<void> {
  await transition(deps, m._id, (cur) =>
    statuses.includes(cur.status) ? { set: { status: 'WITHDRAWN' }, def: matchWithdrawn, reason: why } : null,
  );
}

/**
 * The other matches of a demand whose offer was accepted: REJECTED, in parallel (each under its own
 * document lock: a demand can have dozens of matches and one after another took seconds).
 */
export async function rejectOthers(deps: Deps, others: Match[]): Promise<void> {
  await Promise.all(
    others.map((other) =>
      transition(deps, other._id, (cur) =>
        OPEN_FOR_REJECTION.includes(cur.status)
          ? { set: { status: 'REJECTED' }, def: matchRejected, reason: '企业已接受其他银行的报价' }
          : null,
      ),
    ),
  );
}
