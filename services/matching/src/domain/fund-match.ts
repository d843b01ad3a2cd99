import { matchFunded } from '@yinqi/contracts';
import type { Deps } from './deps';
import { transition } from './transition';

/** A disbursed loan funds its accepted match (放款). Idempotent: a FUNDED match stays FUNDED. */
export async function fundMatch(deps: Deps, matchId: string): Promise<void> {
  await transition(deps, matchId, (m) => (m.status === 'ACCEPTED' ? { set: { status: 'FUNDED' }, def: matchFunded } : null)).catch(
    (err: unknown) => {
      if ((err as { code?: string }).code !== 'NOT_FOUND') throw err;
    },
  );
}
