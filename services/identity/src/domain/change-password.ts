import { hashPassword, verifyPassword, type TokenClaims } from '@yinqi/auth';
import { forbidden, unauthenticated } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { admitAttempt, attemptFailed, attemptSucceeded } from './login-throttling';
import { checkNewPassword } from './password-rules';
import type { AuthPayload } from './public-user';
import { endAllSessionsOf, startSession } from './session-lifecycle';

/**
 * A wrong old password is FORBIDDEN and counts as a failed login; on success every session of
 * the user ends (this one too) and a new one begins.
 */
export async function changePassword(
  deps: IdentityDeps,
  claims: TokenClaims,
  oldPassword: string,
  newPassword: string,
  address: string,
): Promise<AuthPayload> {
  const { repo } = deps;
  const user = await repo.findUserWithHashById(claims.userId);
  if (!user || user.disabled) throw unauthenticated('Session ended: sign in again');
  const admitted = await admitAttempt(deps, user.email, address);
  if (!(await verifyPassword(oldPassword, user.passwordHash))) {
    await attemptFailed(deps, admitted);
    throw forbidden('The current password is wrong');
  }
  await attemptSucceeded(deps, admitted);
  checkNewPassword(user.email, oldPassword, newPassword);
  const updated = await repo.updateUser(user._id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
  if (!updated) throw unauthenticated('Account no longer exists');
  await endAllSessionsOf(deps, user._id, 'PASSWORD_CHANGED');
  return startSession(deps, updated);
}
