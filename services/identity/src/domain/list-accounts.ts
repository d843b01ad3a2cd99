import type { Principal, Role } from '@yinqi/auth';
import type { UserConnectionDto } from '@yinqi/contracts';
import { badInput } from '@yinqi/errors';
import { requireFinanceCentre } from './account-admin';
import type { IdentityDeps } from './deps';
import { emailKey } from './login-throttling';
import { publicUser } from './public-user';
import type { User } from './records';

const cursorOf = (u: User) => Buffer.from(`${new Date(u.createdAt).getTime()}:${u._id}`).toString('base64url');
function parseCursor(after: string): { createdAt: Date; id: string } {
  const [ms, id] = Buffer.from(after, 'base64url').toString('utf8').split(/:(.*)/s);
  const t = Number(ms);
  if (!id || !Number.isInteger(t)) throw badInput('after: not a cursor this list gave', { field: 'after' });
  return { createdAt: new Date(t), id };
}

/** Every account, newest first (the finance centre's 账号管理 list). */
export async function listAccounts(
  { repo, throttle }: IdentityDeps,
  p: Principal,
  filter: { role?: Role; orgId?: string; first: number; after?: string },
): Promise<UserConnectionDto> {
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
}
