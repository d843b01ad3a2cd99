import { randomUUID } from 'node:crypto';
import { SCOPES_OF_KIND, type Principal } from '@yinqi/auth';
import type { ApiClientCredentialsDto } from '@yinqi/contracts';
import { badInput } from '@yinqi/errors';
import { hashSecret, managerOf, newClientId, newSecret, openClientSession, publicClient } from './api-client-access';
import type { IdentityDeps } from './deps';
import type { ApiClient } from './records';
import type { CreateApiClientInput } from './schemas';

/** A new client of the caller's institution. The secret is in this answer only; the store keeps its hash. */
export async function createApiClient(deps: IdentityDeps, p: Principal, input: CreateApiClientInput): Promise<ApiClientCredentialsDto> {
  const inst = await managerOf(deps, p);
  const allowed = SCOPES_OF_KIND[inst.kind];
  const unfit = input.scopes.filter((s) => !allowed.includes(s));
  if (unfit.length > 0) throw badInput(`scopes: ${unfit.join(', ')} do not fit a ${inst.kind.toLowerCase()}`, { field: 'scopes' });
  const id = randomUUID();
  const secret = newSecret();
  const record: ApiClient = {
    _id: id,
    institutionId: inst._id,
    name: input.name,
    clientId: newClientId(),
    secretHash: hashSecret(secret),
    scopes: [...new Set(input.scopes)],
    disabled: false,
    sessionId: await openClientSession(deps, id),
    createdAt: deps.now(),
    lastUsedAt: null,
    version: 1,
  };
  await deps.repo.insertApiClient(record);
  return { client: publicClient(record), clientSecret: secret };
}
