import { randomInt } from 'node:crypto';
import { hashPassword, type Principal, type Role } from '@yinqi/auth';
import { badInput, conflict, forbidden, notFound } from '@yinqi/errors';
import type { LoginThrottleStore } from '../data/login-throttle';
import type { IdentityRepository, User } from '../data/repository';
import { emailKey, publicUser, type PublicUser, type SessionUseCases } from './sessions';

export interface AccountAdminDeps {
  repo: IdentityRepository;
  sessions: SessionUseCases;
  throttle: LoginThrottleStore;
}

export interface UserConnection {
  edges: { cursor: string; node: PublicUser }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed in by someone else.
const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const TEMP_LENGTH = 16;

/** A random temporary password (临时密码), 16 characters (~92 bits), never stored in clear. */
export function temporaryPassword(): string {
  return Array.from({ length: TEMP_LENGTH }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');
}

const cursorOf = (u: User) => Buffer.from(`${new Date(u.createdAt).getTime()}:${u._id}`).toString('base64url');
function parseCursor(after: string): { createdAt: Date; id: string } {
  const [ms, id] = Buffer.from(after, 'base64url').toString('utf8').split(/:(.*)/s);
  const t = Number(ms);
  if (!id || !Number.isInteger(t)) throw badInput('after: not a cursor this list gave', { field: 'after' });
  return { createdAt: new Date(t), id };
}

/** The finance centre's account administration (账号管理). */
export function accountAdminUseCases({ repo, sessions, throttle }: AccountAdminDeps) {
  const requireFinanceCentre = (p: Principal) => {
    if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre manages accounts');
  };
  const withLock = async (u: User): Promise<PublicUser> => publicUser(u, await throttle.lockedUntil(emailKey(u.email)));
  const target = async (userId: string) => {
    const u = await repo.findUserById(userId);
    if (!u) throw notFound('User');
    return u;
  };

  return {
    /** Every account, newest first. */
    async users(p: Principal, filter: { role?: Role; orgId?: string; first: number; after?: string }): Promise<UserConnection> {
      requireFinanceCentre(p);
      const { items, total } = await repo.listUsers(
        { ...(filter.role ? { role: filter.role } : {}), ...(filter.orgId ? { orgId: filter.orgId } : {}) },
        filter.first,
        filter.after ? parseCursor(filter.after) : undefined,
      );
      const page = items.slice(0, filter.first);
      const locks = await throttle.locks(page.map((u) => emailKey(u.email)));
      const edges = page.map((u) => ({ cursor: cursorOf(u), node: publicUser(u, locks.get(emailKey(u.email)) ?? null) }));
      return { edges, pageInfo: { hasNextPage: items.length > filter.first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
    },

    /** A temporary password shown once; the user's sessions end and a change is required. */
    async resetPassword(p: Principal, userId: string): Promise<{ user: PublicUser; temporaryPassword: string }> {
      requireFinanceCentre(p);
      await target(userId);
      const password = temporaryPassword();
      const updated = await repo.updateUser(userId, { passwordHash: await hashPassword(password), mustChangePassword: true });
      if (!updated) throw notFound('User');
      await sessions.endAllOf(userId, 'PASSWORD_RESET');
      return { user: await withLock(updated), temporaryPassword: password };
    },

    /** Disabling ends the user's sessions; yourself or the last enabled finance-centre account: CONFLICT. */
    async setUserDisabled(p: Principal, userId: string, disabled: boolean): Promise<PublicUser> {
      requireFinanceCentre(p);
      const u = await target(userId);
      if (disabled && userId === p.userId) throw conflict('You cannot disable your own account');
      if (disabled && u.role === 'FINANCE_CENTER' && !u.disabled && (await repo.countEnabledFinanceCentre()) <= 1) {
        throw conflict('This is the last enabled finance-centre account');
      }
      const updated = await repo.updateUser(userId, { disabled });
      if (!updated) throw notFound('User');
      if (disabled) await sessions.endAllOf(userId, 'USER_DISABLED');
      return withLock(updated);
    },

    /** Clears the email's failed-login count and lock at once. */
    async unlockUser(p: Principal, userId: string): Promise<PublicUser> {
      requireFinanceCentre(p);
      const u = await target(userId);
      await throttle.clear(emailKey(u.email));
      return publicUser(u, null);
    },
  };
}
export type AccountAdminUseCases = ReturnType<typeof accountAdminUseCases>;
