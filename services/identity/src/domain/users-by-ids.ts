import type { Principal } from '@yinqi/auth';
import { forbidden } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { publicUser, type PublicUser } from './public-user';

/** Accounts by id, for the finance centre. */
export async function usersByIds({ repo }: IdentityDeps, principal: Principal, ids: string[]): Promise<PublicUser[]> {
  if (principal.role !== 'FINANCE_CENTER') throw forbidden();
  return (await repo.findUsersByIds(ids)).map((u) => publicUser(u));
}
