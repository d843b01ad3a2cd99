import type { TokenClaims } from '@yinqi/auth';
import type { IdentityDeps } from './deps';
import { endSession } from './session-lifecycle';

/** Ends the caller's session: this token and every token renewed from it. */
export async function logout(deps: IdentityDeps, claims: TokenClaims): Promise<boolean> {
  const session = await deps.repo.findSession(claims.sessionId);
  if (session && session.userId === claims.userId) await endSession(deps, session._id, session.userId, session.until, 'LOGOUT');
  return true;
}
