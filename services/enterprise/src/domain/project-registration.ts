import type { EnterpriseRegistered } from '@yinqi/contracts';
import type { EnterpriseDeps } from './deps';

/** Builds the profile from identity's enterprise.registered (version 1); a re-delivery changes nothing. */
export function projectRegistration(
  { repo }: Pick<EnterpriseDeps, 'repo'>,
  data: EnterpriseRegistered,
  version: number,
  occurredAt: string,
): Promise<boolean> {
  return repo.projectRegistration(
    { enterpriseId: data.enterpriseId, name: data.name, uscc: data.uscc, industry: data.industry, town: data.town },
    version,
    new Date(occurredAt),
  );
}
