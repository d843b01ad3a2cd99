import { hashPassword, type Principal } from '@yinqi/auth';
import { notFound } from '@yinqi/errors';
import { requireFinanceCentre, targetUser, withLock } from './account-admin';
import type { IdentityDeps } from './deps';
import { temporaryPassword } from './password-rules';
import type { PublicUser } from './public-user';
import { endAllSessionsOf } from './session-lifecycle';

/** A temporary password shown once; the user's sessions end and a change is required. */
export async function resetPassword(
  deps: IdentityDeps,
  p: Principal,
  userId: string,
): Promise<{ user: PublicUser; temporaryPassword: string }> {
  requireFinanceCentre(p);
  await targetUser(deps, userId);
  const password = temporaryPassword();
  const updated = await deps.repo.updateUser(userId, { passwordHash: await hashPassword(password), mustChangePassword: true });
  if (!updated) throw notFound('User');
  await endAllSessionsOf(deps, userId, 'PASSWORD_RESET');
  return { user: await withLock(deps, updated), temporaryPassword: password };
}
