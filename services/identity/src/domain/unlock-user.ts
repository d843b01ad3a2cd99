import type { Principal } from '@yinqi/auth';
import { requireFinanceCentre, targetUser } from './account-admin';
import type { IdentityDeps } from './deps';
import { emailKey } from './login-throttling';
import { publicUser, type PublicUser } from './public-user';

/** Clears the email's failed-login count and lock at once. */
export async function unlockUser(deps: IdentityDeps, p: Principal, userId: string): Promise<PublicUser> {
  requireFinanceCentre(p);
  const u = await targetUser(deps, userId);
  await deps.throttle.clear(emailKey(u.email));
  return publicUser(u, null);
}
