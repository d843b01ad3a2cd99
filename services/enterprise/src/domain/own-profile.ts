import type { Principal } from '@yinqi/auth';
import { AppError, forbidden } from '@yinqi/errors';
import { awaitCopy } from '@yinqi/events';
import type { EnterpriseDeps } from './deps';
import type { Enterprise } from './records';

/** The registration event did not arrive in time: an outage upstream, not the caller's fault. */
export const profileNotReady = () =>
  new AppError('INTERNAL_SERVER_ERROR', 'The enterprise profile is not available yet; try again shortly', { retriable: true });

/** The profile once enterprise.registered has been projected, waiting (bounded by profileWaitMs) for it. */
export function waitForProfile(
  { repo, profileWaitMs, sleep }: Pick<EnterpriseDeps, 'repo' | 'profileWaitMs' | 'sleep'>,
  id: string,
): Promise<Enterprise | null> {
  return awaitCopy(() => repo.findEnterprise(id), { timeoutMs: profileWaitMs, ...(sleep ? { sleep } : {}) });
}

/**
 * The signed-in enterprise's own profile. Right after registerEnterprise returns, identity's
 * enterprise.registered may not have reached us yet: we wait (bounded) for it rather than
 * invent a profile from the token, because the token carries no name, industry or town, and
 * every event we publish must carry a complete snapshot (matching judges industry rules on it).
 */
export async function ownProfile(deps: Pick<EnterpriseDeps, 'repo' | 'profileWaitMs' | 'sleep'>, p: Principal): Promise<Enterprise> {
  if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only an enterprise account has an enterprise profile');
  const e = await waitForProfile(deps, p.orgId);
  if (!e) throw profileNotReady();
  return e;
}
