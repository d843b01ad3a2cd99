import { newSessionId } from '@yinqi/auth';
import { sessionEnded } from '@yinqi/contracts';
import { newEvent } from '@yinqi/events';
import { SOURCE, type IdentityDeps } from './deps';
import { publicUser, type AuthPayload } from './public-user';
import type { EndReason, User } from './records';

/** Login, sessions (登录会话) and their end: every use-case that issues or revokes a token goes through here. */

export const nowSeconds = (deps: Pick<IdentityDeps, 'now'>) => Math.floor(deps.now().getTime() / 1000);

/** A new session and its first token. */
export async function startSession(
  { repo, tokens, now, ttlSeconds, maxSessionSeconds }: IdentityDeps,
  user: Pick<User, '_id' | 'email' | 'role' | 'orgId'> & Partial<User>,
): Promise<AuthPayload> {
  const startedAt = new Date(nowSeconds({ now }) * 1000);
  const sessionId = newSessionId();
  await repo.insertSession({
    _id: sessionId,
    userId: user._id,
    startedAt,
    endedAt: null,
    endReason: null,
    until: new Date(startedAt.getTime() + (maxSessionSeconds + ttlSeconds) * 1000),
    outbox: [],
  });
  const token = tokens.issue(
    { userId: user._id, role: user.role, ...(user.orgId ? { orgId: user.orgId } : {}) },
    { sessionId, sessionStartedAt: startedAt.getTime() / 1000, mustChangePassword: user.mustChangePassword === true },
  );
  return { token, user: publicUser(user) };
}

/** Ends one session; its `session.ended` event rides in the same write. */
export async function endSession(
  { repo, now, published }: IdentityDeps,
  sessionId: string,
  userId: string,
  until: Date,
  reason: EndReason,
): Promise<boolean> {
  const event = newEvent(sessionEnded, {
    key: sessionId,
    version: 1,
    source: SOURCE,
    data: { sessionId, userId, reason, until: until.toISOString() },
  });
  const ended = await repo.endSession(sessionId, now(), reason, event);
  if (ended) published(sessionId);
  return ended;
}

/** Ends every open session of a user (a reset, a disabled account, a password change). */
export async function endAllSessionsOf(deps: IdentityDeps, userId: string, reason: EndReason): Promise<number> {
  const open = await deps.repo.openSessionsOf(userId, deps.now());
  const results = await Promise.all(open.map((s) => endSession(deps, s._id, userId, s.until, reason)));
  return results.filter(Boolean).length;
}
