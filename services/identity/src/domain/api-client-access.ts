import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newSessionId, refuseClientToken, type Principal } from '@yinqi/auth';
import type { ApiClientDto } from '@yinqi/contracts';
import { forbidden, notFound } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import type { ApiClient, Institution } from './records';

/** Shared steps of the API-client use-cases (接口客户端 of institutions). */

/** Contract: a client token lives at most one hour. */
const CLIENT_TOKEN_MAX_SECONDS = 3_600;

/** What the API shows of a client (contract: ApiClient; `institution` is resolved by the gateway). */
export type PublicApiClient = ApiClientDto;

export const clientTokenSeconds = ({ ttlSeconds }: Pick<IdentityDeps, 'ttlSeconds'>) => Math.min(ttlSeconds, CLIENT_TOKEN_MAX_SECONDS);

/**
 * The secret is 32 random bytes (256 bits): nobody can guess it or search for it, so a slow
 * password hash (scrypt) would add nothing against a stolen table but would make every token
 * request cost ~50 ms of CPU on identity — an easy way to tie it up. SHA-256 keeps a stolen
 * table useless and the check cheap; comparison is constant-time.
 */
export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');
export const newClientId = () => `ycl_${randomBytes(16).toString('hex')}`;
export const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const publicClient = (c: ApiClient): PublicApiClient => ({
  id: c._id,
  institutionId: c.institutionId,
  name: c.name,
  clientId: c.clientId,
  scopes: c.scopes,
  disabled: c.disabled === true,
  createdAt: new Date(c.createdAt).toISOString(),
  lastUsedAt: c.lastUsedAt ? new Date(c.lastUsedAt).toISOString() : null,
});

const OFFICERS = new Set<Principal['role']>(['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER']);

/** An officer of an institution, by a person's token: the institution (FORBIDDEN otherwise). */
export async function managerOf({ repo }: IdentityDeps, p: Principal): Promise<Institution> {
  refuseClientToken(p);
  if (!OFFICERS.has(p.role) || !p.orgId) throw forbidden('Only an institution officer manages its API clients');
  const inst = await repo.findInstitution(p.orgId);
  if (!inst) throw forbidden('Your institution no longer exists');
  return inst;
}

/** One of the caller's institution's clients; another institution's is as unknown as one that does not exist. */
export async function ownClient(deps: IdentityDeps, p: Principal, id: string): Promise<{ client: ApiClient; institutionId: string }> {
  const inst = await managerOf(deps, p);
  const client = await deps.repo.findApiClient(id);
  if (!client || client.institutionId !== inst._id) throw notFound('ApiClient');
  return { client, institutionId: inst._id };
}

// A client's session may produce tokens for as long as the client lives; when it ends, its
// last token expires one token lifetime later (what `session.ended`'s `until` says).
const FAR = new Date('9999-12-31T00:00:00Z');

/** The session the client's tokens belong to until its secret is rotated or it is disabled. */
export async function openClientSession({ repo, now }: IdentityDeps, clientId: string): Promise<string> {
  const sessionId = newSessionId();
  await repo.insertSession({
    _id: sessionId,
    userId: clientId,
    startedAt: now(),
    endedAt: null,
    endReason: null,
    until: FAR,
    outbox: [],
  });
  return sessionId;
}
