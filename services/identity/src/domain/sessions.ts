import { dummyPasswordHash, hashPassword, newSessionId, verifyPassword, type TokenClaims, type TokenService } from '@yinqi/auth';
import { sessionEnded, type SessionEnded } from '@yinqi/contracts';
import { badInput, forbidden, tooManyRequests, unauthenticated } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { LoginThrottleStore, ThrottleRule } from '../data/login-throttle';
import type { IdentityRepository, User } from '../data/repository';

const SOURCE = 'identity';
const MINUTE = 60_000;

/** API-CONTRACT-ACCOUNTS.md "Login throttling". */
export const EMAIL_RULE: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const ADDRESS_RULE: ThrottleRule = { limit: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

export type EndReason = SessionEnded['reason'];

interface Admitted {
  keys: { key: string; rule: ThrottleRule }[];
  ranks: number[];
}

export interface AuthPayload {
  token: string;
  user: PublicUser;
}

/** What the API shows of an account (contract: User with the accounts extension's fields). */
export interface PublicUser {
  id: string;
  email: string;
  role: User['role'];
  orgId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export const publicUser = (
  u: Pick<User, '_id' | 'email' | 'role' | 'orgId'> & Partial<Pick<User, 'disabled' | 'mustChangePassword' | 'lastLoginAt'>>,
  lockedUntil: Date | null = null,
): PublicUser => ({
  id: u._id,
  email: u.email,
  role: u.role,
  orgId: u.orgId,
  disabled: u.disabled === true,
  mustChangePassword: u.mustChangePassword === true,
  lockedUntil: lockedUntil?.toISOString() ?? null,
  lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
});

export interface SessionDeps {
  repo: IdentityRepository;
  throttle: LoginThrottleStore;
  tokens: TokenService;
  published: (id?: string) => void;
  ttlSeconds: number;
  maxSessionSeconds: number;
  now?: () => Date;
}

/** The new password rules of changePassword (contract): 10…128, not the old one, not the email's local part. */
export function checkNewPassword(email: string, oldPassword: string, newPassword: string): void {
  if (newPassword.length < 10 || newPassword.length > 128) throw badInput('newPassword: 10 to 128 characters', { field: 'newPassword' });
  if (newPassword === oldPassword) throw badInput('newPassword: must differ from the old one', { field: 'newPassword' });
  const local = email.split('@')[0]!.toLowerCase();
  if (local.length > 0 && newPassword.toLowerCase().includes(local))
    throw badInput('newPassword: must not contain your email name', { field: 'newPassword' });
}

/** Login, sessions (登录会话) and their end: everything that issues or revokes a token. */
export function sessionUseCases({ repo, throttle, tokens, published, ttlSeconds, maxSessionSeconds, now = () => new Date() }: SessionDeps) {
  const nowSeconds = () => Math.floor(now().getTime() / 1000);

  /** A new session and its first token. */
  async function start(user: Pick<User, '_id' | 'email' | 'role' | 'orgId'> & Partial<User>): Promise<AuthPayload> {
    const startedAt = new Date(nowSeconds() * 1000);
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
  async function end(sessionId: string, userId: string, until: Date, reason: EndReason): Promise<boolean> {
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
  async function endAllOf(userId: string, reason: EndReason): Promise<number> {
    const open = await repo.openSessionsOf(userId, now());
    const results = await Promise.all(open.map((s) => end(s._id, userId, s.until, reason)));
    return results.filter(Boolean).length;
  }

  const refuse = (waitMs: number) => tooManyRequests('Too many failed sign-ins: try again later', waitMs / 1000);
  const keysOf = (email: string, address: string) => [
    { key: emailKey(email), rule: EMAIL_RULE },
    { key: addressKey(address), rule: ADDRESS_RULE },
  ];

  /**
   * Lets one password check through, counted against the email and the caller's address before
   * the check, so concurrent guesses cannot all slip in before the first is counted: the 6th
   * concurrent guess at an email is refused even while the 5th is still being checked. A locked
   * key refuses without counting (so a lock ends on time, however many attempts it refused).
   * Answers each key's rank: this attempt was the n-th in its window.
   */
  async function admit(email: string, address: string): Promise<Admitted> {
    const keys = keysOf(email, address);
    // One read for both keys: under a guessing run nearly every attempt ends here.
    const locks = await throttle.locks(keys.map((k) => k.key));
    const lockedMs = Math.max(0, ...[...locks.values()].map((l) => l.getTime() - now().getTime()));
    if (lockedMs > 0) throw refuse(lockedMs);
    const counted = await Promise.all(keys.map((k) => throttle.count(k.key, k.rule)));
    if (counted.some((c, i) => c.count > keys[i]!.rule.limit)) {
      await Promise.all(keys.map((k) => throttle.forgive(k.key)));
      throw refuse(Math.max(...keys.map((k) => k.rule.lockMs)));
    }
    return { keys, ranks: counted.map((c) => c.count) };
  }

  /** The checked attempt failed: a key whose limit it reached is locked from now. */
  async function failed(admitted: Admitted): Promise<void> {
    await Promise.all(admitted.keys.map((k, i) => (admitted.ranks[i]! >= k.rule.limit ? throttle.lock(k.key, k.rule) : undefined)));
  }

  /** The checked attempt succeeded: the email's count is cleared, the address gets its attempt back. */
  async function succeeded(admitted: Admitted): Promise<void> {
    await Promise.all([throttle.clear(admitted.keys[0]!.key), throttle.forgive(admitted.keys[1]!.key)]);
  }

  return {
    start,
    end,
    endAllOf,

    /**
     * Wrong password, unknown email and disabled account give the same answer in about the same
     * time, and each counts as a failure for the email and the caller's address; a locked email
     * or address is refused before any password is checked.
     */
    async login(rawEmail: string, password: string, address: string): Promise<AuthPayload> {
      const email = rawEmail.trim().toLowerCase();
      const admitted = await admit(email, address);
      const user = await repo.findUserByEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        await failed(admitted);
        throw unauthenticated('Invalid email or password');
      }
      await succeeded(admitted);
      const signedIn = (await repo.updateUser(user._id, { lastLoginAt: now() })) ?? user;
      const payload = await start(signedIn);
      // Disabled between our read and the session's insert: setUserDisabled may have listed the
      // open sessions before ours existed, so look again now that it exists and end it (the
      // answer stays a wrong password).
      if ((await repo.findUserById(user._id))?.disabled) {
        await endAllOf(user._id, 'USER_DISABLED');
        throw unauthenticated('Invalid email or password');
      }
      return payload;
    },

    /** A fresh token of the same session, while the session is open and younger than MAX_SESSION_SECONDS. */
    async renewToken(claims: TokenClaims): Promise<AuthPayload> {
      if (nowSeconds() - claims.sessionStartedAt > maxSessionSeconds) throw unauthenticated('Session too old: sign in again');
      const [session, user] = await Promise.all([repo.findSession(claims.sessionId), repo.findUserById(claims.userId)]);
      if (!session || session.endedAt || session.userId !== claims.userId) throw unauthenticated('Session ended: sign in again');
      if (!user || user.disabled) throw unauthenticated('Session ended: sign in again');
      const token = tokens.issue(
        { userId: user._id, role: user.role, ...(user.orgId ? { orgId: user.orgId } : {}) },
        { sessionId: session._id, sessionStartedAt: claims.sessionStartedAt, mustChangePassword: user.mustChangePassword === true },
      );
      return { token, user: publicUser(user) };
    },

    /** Ends the caller's session: this token and every token renewed from it. */
    async logout(claims: TokenClaims): Promise<boolean> {
      const session = await repo.findSession(claims.sessionId);
      if (session && session.userId === claims.userId) await end(session._id, session.userId, session.until, 'LOGOUT');
      return true;
    },

    /**
     * A wrong old password is FORBIDDEN and counts as a failed login; on success every session of
     * the user ends (this one too) and a new one begins.
     */
    async changePassword(claims: TokenClaims, oldPassword: string, newPassword: string, address: string): Promise<AuthPayload> {
      const user = await repo.findUserWithHashById(claims.userId);
      if (!user || user.disabled) throw unauthenticated('Session ended: sign in again');
      const admitted = await admit(user.email, address);
      if (!(await verifyPassword(oldPassword, user.passwordHash))) {
        await failed(admitted);
        throw forbidden('The current password is wrong');
      }
      await succeeded(admitted);
      checkNewPassword(user.email, oldPassword, newPassword);
      const updated = await repo.updateUser(user._id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
      if (!updated) throw unauthenticated('Account no longer exists');
      await endAllOf(user._id, 'PASSWORD_CHANGED');
      return start(updated);
    },
  };
}
export type SessionUseCases = ReturnType<typeof sessionUseCases>;
