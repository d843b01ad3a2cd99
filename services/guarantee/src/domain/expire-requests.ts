import type { Deps } from './deps';
import { closeRequest } from './request-transition';

/** Closes OPEN requests past their time; safe with several replicas (each close is a version CAS). */
export async function expireDue(deps: Deps, batch = 100): Promise<number> {
  const { repo, logger, now } = deps;
  const due = await repo.expired(now(), batch);
  let closed = 0;
  for (const r of due) {
    const done = await closeRequest(
      deps,
      r._id,
      'expired: no quote selected in time',
      (cur) => cur.status === 'OPEN' && new Date(cur.expiresAt).getTime() <= now().getTime(),
    );
    if (done?.status === 'CLOSED' && done.version > r.version) closed += 1;
  }
  if (closed) logger.info({ closed }, 'expired guarantee requests closed');
  return closed;
}
