import type { Principal } from '@yinqi/auth';
import type { InstitutionDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import { publicInstitution } from './public-user';

/** Institutions by id (any signed-in caller: the gateway resolves names with it). */
export async function institutionsByIds({ repo }: IdentityDeps, ids: string[]): Promise<InstitutionDto[]> {
  return (await repo.findInstitutionsByIds(ids)).map(publicInstitution);
}

/** Every institution, of one kind when asked: the finance centre's list. */
export async function listInstitutions({ repo }: IdentityDeps, principal: Principal, kind?: string): Promise<InstitutionDto[]> {
  if (principal.role !== 'FINANCE_CENTER') throw forbidden();
  return (await repo.listInstitutions(kind)).map(publicInstitution);
}
