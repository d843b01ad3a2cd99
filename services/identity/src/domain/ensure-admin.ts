import { hashPassword } from '@yinqi/auth';
import { userCreated } from '@yinqi/contracts';
import { newId } from '@yinqi/db';
import { newEvent } from '@yinqi/events';
import { SOURCE, type IdentityDeps } from './deps';

/** The first FINANCE_CENTER account, from ADMIN_EMAIL / ADMIN_PASSWORD; idempotent across restarts and replicas. */
export async function ensureAdmin({ repo, published, now }: IdentityDeps, email: string, password: string): Promise<'created' | 'exists'> {
  const normalized = email.trim().toLowerCase();
  if (await repo.findUserByEmail(normalized)) return 'exists';
  const id = newId();
  const res = await repo.insertUser({
    _id: id,
    email: normalized,
    passwordHash: await hashPassword(password),
    role: 'FINANCE_CENTER',
    orgId: null,
    usccKey: `user:${id}`,
    createdAt: now(),
    version: 1,
    outbox: [
      newEvent(userCreated, {
        key: id,
        version: 1,
        source: SOURCE,
        data: { userId: id, email: normalized, role: 'FINANCE_CENTER', orgId: null },
      }),
    ],
  });
  if (res.ok) published(id);
  return res.ok ? 'created' : 'exists';
}
