import type { Principal } from '@yinqi/auth';
import { managerOf, publicClient, type PublicApiClient } from './api-client-access';
import type { IdentityDeps } from './deps';

/** The API clients of the caller's institution. */
export async function listApiClients(deps: IdentityDeps, p: Principal): Promise<PublicApiClient[]> {
  const inst = await managerOf(deps, p);
  return (await deps.repo.listApiClients(inst._id)).map(publicClient);
}
