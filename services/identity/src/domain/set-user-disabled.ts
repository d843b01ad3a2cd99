import type { Principal } from '@yinqi/auth';
import { conflict, notFound } from '@yinqi/errors';
import { requireFinanceCentre, targetUser, withLock } from './account-admin';
import type { IdentityDeps } from './deps';
import type { PublicUser } from './public-user';
import { endAllSessionsOf } from './session-lifecycle';

/** Disabling ends the user's sessions; yourself or the last enabled finance-centre account: CONFLICT. */
export async function setUserDisabled(deps: IdentityDeps, p: Principal, userId: string, disabled: boolean): Promise<PublicUser> {
  requireFinanceCentre(p);
  const u = await targetUser(deps, userId);
  if (disabled && userId === p.userId) throw conflict('You cannot disable your own account');
  if (disabled && u.role === 'FINANCE_CENTER' && !u.disabled && (await deps.repo.countEnabledFinanceCentre()) <= 1) {
    throw conflict('This is the last enabled finance-centre account');
  }
  const updated = await deps.repo.updateUser(userId, { disabled });
  if (!updated) throw notFound('User');
  if (disabled) await endAllSessionsOf(deps, userId, 'USER_DISABLED');
  return withLock(deps, updated);
}
