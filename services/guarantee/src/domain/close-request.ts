import type { MatchSnapshot } from '@yinqi/contracts';
import type { Deps } from './deps';
import { requestIdOf } from './records';
import { closeRequest } from './request-transition';

/** The match went away (withdrawn or rejected): its request, if any and still live, closes. */
export async function closeForGoneMatch(deps: Deps, m: MatchSnapshot, matchVersion: number, why: string): Promise<void> {
  await closeRequest(deps, requestIdOf(m.matchId), why, (r) => r.status !== 'CLOSED' && r.matchVersion < matchVersion);
}
