import { ROLE_OF_KIND, type ApiScope } from '@yinqi/auth';
import type { ClientTokenDto } from '@yinqi/contracts';
import { badInput, tooManyRequests, unauthenticated } from '@yinqi/errors';
import { clientTokenSeconds, hashSecret, sameHash } from './api-client-access';
import type { IdentityDeps } from './deps';
import { ADDRESS_RULE, addressKey } from './login-throttling';
import type { ApiClient } from './records';
import type { ClientTokenInput } from './schemas';

type ClientToken = ClientTokenDto & { scopes: ApiScope[] };

/**
 * The client-credentials grant. Counted against the caller's address before the secret is
 * checked, like a login (the same counter and rule), so guessing secrets from one address is
 * throttled the same way; a success gives its count back. Wrong id, wrong secret and a
 * disabled client are the same UNAUTHENTICATED (invalid_client); requested scopes outside the
 * client's are BAD_USER_INPUT on `scope` (invalid_scope).
 */
export async function issueClientToken(deps: IdentityDeps, input: ClientTokenInput, address: string): Promise<ClientToken> {
  const client = await authenticateClient(deps, input, address);
  const granted = (input.scopes ?? client.scopes) as ApiScope[];
  const outside = granted.filter((s) => !client.scopes.includes(s));
  if (outside.length > 0) throw badInput(`scope: ${outside.join(', ')} not granted to this client`, { field: 'scope' });
  const inst = await deps.repo.findInstitution(client.institutionId);
  if (!inst) throw unauthenticated('invalid_client');
  const t = deps.now();
  const tokenSeconds = clientTokenSeconds(deps);
  const accessToken = deps.tokens.issue(
    { userId: client._id, role: ROLE_OF_KIND[inst.kind], orgId: inst._id, scopes: [...new Set(granted)] },
    { sessionId: client.sessionId, sessionStartedAt: Math.floor(t.getTime() / 1000) },
    { ttlSeconds: tokenSeconds },
  );
  await deps.repo.touchApiClient(client._id, t);
  return { accessToken, expiresIn: tokenSeconds, scopes: [...new Set(granted)] };
}

/** The client whose id and secret were presented, counted against the caller's address like a login. */
async function authenticateClient({ repo, throttle, now }: IdentityDeps, input: ClientTokenInput, address: string): Promise<ApiClient> {
  const key = addressKey(address);
  const locked = await throttle.lockedUntil(key);
  if (locked) throw tooManyRequests('Too many failed sign-ins: try again later', (locked.getTime() - now().getTime()) / 1000);
  const counted = await throttle.count(key, ADDRESS_RULE);
  if (counted.count > ADDRESS_RULE.limit) {
    await throttle.forgive(key);
    throw tooManyRequests('Too many failed sign-ins: try again later', ADDRESS_RULE.lockMs / 1000);
  }
  const client = await repo.findApiClientByClientId(input.clientId);
  const presented = hashSecret(input.clientSecret);
  if (!client || !sameHash(presented, client.secretHash) || client.disabled) {
    if (counted.count >= ADDRESS_RULE.limit) await throttle.lock(key, ADDRESS_RULE);
    throw unauthenticated('invalid_client');
  }
  await throttle.forgive(key);
  return client;
}
