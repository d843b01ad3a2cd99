import type { EnterpriseDeps } from './deps';

type RepoDeps = Pick<EnterpriseDeps, 'repo'>;

/** A bank got a match with the enterprise: its officers may now read the profile. */
export const recordBankRelation = ({ repo }: RepoDeps, enterpriseId: string, bankId: string) =>
  repo.addEnterpriseRelation(enterpriseId, 'bankIds', bankId);

/**
 * A guarantee institution quoted on a request for this demand (guarantee.* events, see
 * consumers/handlers.ts): its officers may now read the enterprise and the demand. Idempotent.
 */
export async function recordGuarantorRelation({ repo }: RepoDeps, enterpriseId: string, demandId: string, guarantorId: string) {
  await repo.addEnterpriseRelation(enterpriseId, 'guarantorIds', guarantorId);
  await repo.addDemandGuarantor(demandId, guarantorId);
}
