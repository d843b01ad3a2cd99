import type { TokenClaims } from '@yinqi/auth';
import { unauthenticated } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { publicUser, type AuthPayload } from './public-user';
import { nowSeconds } from './session-lifecycle';

/** A fresh token of the same session, while the session is open and younger than MAX_SESSION_SECONDS. */
export async function renewToken(deps: IdentityDeps, claims: TokenClaims): Promise<AuthPayload> {
  const { repo, tokens, maxSessionSeconds } = deps;
  if (nowSeconds(deps) - claims.sessionStartedAt > maxSessionSeconds) throw unauthenticated('Session too old: sign in again');
  const [session, user] = await Promise.all([repo.findSession(claims.sessionId), repo.findUserById(claims.userId)]);
  if (!session || session.endedAt || session.userId !== claims.userId) throw unauthenticated('Session ended: sign in again');
  if (!user || user.disabled) throw unauthenticated('Session ended: sign in again');
  const token = tokens.issue(
    { userId: user._id, role: user.role, ...(user.orgId ? { orgId: user.orgId } : {}) },
    { sessionId: session._id, sessionStartedAt: claims.sessionStartedAt, mustChangePassword: user.mustChangePassword === true },
  );
  return { token, user: publicUser(user) };
}
