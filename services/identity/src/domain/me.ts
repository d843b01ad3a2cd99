import type { Principal } from '@yinqi/auth';
import { unauthenticated } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { emailKey } from './login-throttling';
import { publicUser, type PublicUser } from './public-user';

/** The caller's own account, with its sign-in lock if any. */
export async function me({ repo, throttle }: IdentityDeps, principal: Principal): Promise<PublicUser> {
  const user = await repo.findUserById(principal.userId);
  if (!user) throw unauthenticated('Account no longer exists');
  return publicUser(user, await throttle.lockedUntil(emailKey(user.email)));
}
