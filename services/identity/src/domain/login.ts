import { dummyPasswordHash, verifyPassword } from '@yinqi/auth';
import { unauthenticated } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { admitAttempt, attemptFailed, attemptSucceeded } from './login-throttling';
import type { AuthPayload } from './public-user';
import { endAllSessionsOf, startSession } from './session-lifecycle';

/**
 * Wrong password, unknown email and disabled account give the same answer in about the same
 * time, and each counts as a failure for the email and the caller's address; a locked email
 * or address is refused before any password is checked.
 */
export async function login(deps: IdentityDeps, rawEmail: string, password: string, address: string): Promise<AuthPayload> {
  const { repo, now } = deps;
  const email = rawEmail.trim().toLowerCase();
  const admitted = await admitAttempt(deps, email, address);
  const user = await repo.findUserByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled) {
    await attemptFailed(deps, admitted);
    throw unauthenticated('Invalid email or password');
  }
  await attemptSucceeded(deps, admitted);
  const signedIn = (await repo.updateUser(user._id, { lastLoginAt: now() })) ?? user;
  const payload = await startSession(deps, signedIn);
  // Disabled between our read and the session's insert: setUserDisabled may have listed the
  // open sessions before ours existed, so look again now that it exists and end it (the
  // answer stays a wrong password).
  if ((await repo.findUserById(user._id))?.disabled) {
    await endAllSessionsOf(deps, user._id, 'USER_DISABLED');
    throw unauthenticated('Invalid email or password');
  }
  return payload;
}
