import type { EnterpriseDeps } from './deps';
import type { EnterpriseUseCases } from './enterprises';

/** What the demand use-cases need: the shared dependencies and two steps of the profile use-cases. */
export interface DemandDeps extends Pick<EnterpriseDeps, 'repo' | 'published' | 'now'> {
  enterprises: Pick<EnterpriseUseCases, 'ownProfile' | 'recordBankRelation'>;
}
