import type { Principal } from '@yinqi/auth';
import { forbidden, notFound } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { emailKey } from './login-throttling';
import { publicUser, type PublicUser } from './public-user';
import type { User } from './records';

/** Shared steps of the finance centre's account administration (账号管理). */

export function requireFinanceCentre(p: Principal): void {
  if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre manages accounts');
}

/** The account as the API shows it, with its sign-in lock. */
export async function withLock({ throttle }: IdentityDeps, u: User): Promise<PublicUser> {
  return publicUser(u, await throttle.lockedUntil(emailKey(u.email)));
}

/** The account an administrator acts on (NOT_FOUND when there is none). */
export async function targetUser({ repo }: IdentityDeps, userId: string): Promise<User> {
  const u = await repo.findUserById(userId);
  if (!u) throw notFound('User');
  return u;
}
