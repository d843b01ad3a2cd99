import type { Principal } from '@yinqi/auth';
import type { EnterpriseRegistered } from '@yinqi/contracts';
import { certifyEnterprise } from './certify-enterprise';
import type { EnterpriseDeps } from './deps';
import { ownProfile } from './own-profile';
import { projectRegistration } from './project-registration';
import { enterprisesByIds, getEnterprise, listEnterprises } from './read-enterprises';
import type { EnterpriseListFilter } from './repository';
import { recordBankRelation, recordGuarantorRelation } from './record-relations';
import type { CertifyInput, ProfileInput } from './schemas';
import { updateProfile } from './update-profile';

/** The profile use-cases bound to their dependencies, as the routes and consumers call them. */
export function enterpriseUseCases(input: Omit<EnterpriseDeps, 'now'> & { now?: () => Date }) {
  const deps: EnterpriseDeps = { ...input, now: input.now ?? (() => new Date()) };
  return {
    ownProfile: (p: Principal) => ownProfile(deps, p),
    enterprise: (p: Principal, id: string) => getEnterprise(deps, p, id),
    enterprisesByIds: (p: Principal, ids: string[]) => enterprisesByIds(deps, p, ids),
    listEnterprises: (p: Principal, args: EnterpriseListFilter & { first?: unknown; after?: unknown }) => listEnterprises(deps, p, args),
    updateProfile: (p: Principal, profile: ProfileInput) => updateProfile(deps, p, profile),
    certify: (p: Principal, id: string, certification: CertifyInput) => certifyEnterprise(deps, p, id, certification),
    projectRegistration: (data: EnterpriseRegistered, version: number, occurredAt: string) =>
      projectRegistration(deps, data, version, occurredAt),
    recordBankRelation: (enterpriseId: string, bankId: string) => recordBankRelation(deps, enterpriseId, bankId),
    recordGuarantorRelation: (enterpriseId: string, demandId: string, guarantorId: string) =>
      recordGuarantorRelation(deps, enterpriseId, demandId, guarantorId),
  };
}
export type EnterpriseUseCases = ReturnType<typeof enterpriseUseCases>;
