import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  API_SCOPES,
  newSessionId,
  refuseClientToken,
  ROLE_OF_KIND,
  SCOPES_OF_KIND,
  type ApiScope,
  type Principal,
  type TokenService,
} from '@yinqi/auth';
import { badInput, forbidden, notFound, tooManyRequests, unauthenticated } from '@yinqi/errors';
import type { LoginThrottleStore } from '../data/login-throttle';
import type { ApiClient, IdentityRepository } from '../data/repository';
import { ADDRESS_RULE, addressKey, type SessionUseCases } from './sessions';

/** Contract: a client token lives at most one hour. */
export const CLIENT_TOKEN_MAX_SECONDS = 3_600;

export interface ApiClientDeps {
  repo: IdentityRepository;
  sessions: SessionUseCases;
  throttle: LoginThrottleStore;
  tokens: TokenService;
  ttlSeconds: number;
  now?: () => Date;
}

/** What the API shows of a client (contract: ApiClient; `institution` is resolved by the gateway). */
export interface PublicApiClient {
  id: string;
  institutionId: string;
  name: string;
  clientId: string;
  scopes: string[];
  disabled: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ClientToken {
  accessToken: string;
  expiresIn: number;
  scopes: ApiScope[];
}

export const createApiClientSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  scopes: z
    .array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]]))
    .min(1, 'at least one scope')
    .max(API_SCOPES.length),
});
export const setApiClientDisabledSchema = z.object({ disabled: z.boolean() });
export const clientTokenSchema = z.object({
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  /** Absent: every scope of the client. */
  scopes: z.array(z.string().max(50)).max(20).optional(),
});

/**
 * The secret is 32 random bytes (256 bits): nobody can guess it or search for it, so a slow
 * password hash (scrypt) would add nothing against a stolen table but would make every token
 * request cost ~50 ms of CPU on identity — an easy way to tie it up. SHA-256 keeps a stolen
 * table useless and the check cheap; comparison is constant-time.
 */
const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
const newClientId = () => `ycl_${randomBytes(16).toString('hex')}`;
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const publicClient = (c: ApiClient): PublicApiClient => ({
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

/** API clients (接口客户端) of institutions, and the client-credentials grant that issues their tokens. */
export function apiClientUseCases({ repo, sessions, throttle, tokens, ttlSeconds, now = () => new Date() }: ApiClientDeps) {
  const tokenSeconds = Math.min(ttlSeconds, CLIENT_TOKEN_MAX_SECONDS);
  // A client's session may produce tokens for as long as the client lives; when it ends, its
  // last token expires one token lifetime later (what `session.ended`'s `until` says).
  const FAR = new Date('9999-12-31T00:00:00Z');

  /** An officer of an institution, by a person's token: the institution (FORBIDDEN otherwise). */
  async function managerOf(p: Principal) {
    refuseClientToken(p);
    if (!OFFICERS.has(p.role) || !p.orgId) throw forbidden('Only an institution officer manages its API clients');
    const inst = await repo.findInstitution(p.orgId);
    if (!inst) throw forbidden('Your institution no longer exists');
    return inst;
  }

  async function openSession(clientId: string): Promise<string> {
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

  const endSession = (c: ApiClient, reason: 'CLIENT_DISABLED' | 'CLIENT_SECRET_ROTATED') =>
    sessions.end(c.sessionId, c._id, new Date(now().getTime() + tokenSeconds * 1000), reason);

  async function ownClient(p: Principal, id: string): Promise<{ client: ApiClient; institutionId: string }> {
    const inst = await managerOf(p);
    const client = await repo.findApiClient(id);
    // Another institution's client is as unknown as one that does not exist.
    if (!client || client.institutionId !== inst._id) throw notFound('ApiClient');
    return { client, institutionId: inst._id };
  }

  return {
    async list(p: Principal): Promise<PublicApiClient[]> {
      const inst = await managerOf(p);
      return (await repo.listApiClients(inst._id)).map(publicClient);
    },

    /** The secret is in this answer only; the store keeps its hash. */
    async create(p: Principal, input: z.infer<typeof createApiClientSchema>): Promise<{ client: PublicApiClient; clientSecret: string }> {
      const inst = await managerOf(p);
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
        sessionId: await openSession(id),
        createdAt: now(),
        lastUsedAt: null,
        version: 1,
      };
      await repo.insertApiClient(record);
      return { client: publicClient(record), clientSecret: secret };
    },

    /**
     * A new secret, and a new session for its tokens: the old secret stops at this write, the
     * tokens it produced when their session's end reaches every process (`session.ended`).
     */
    async rotate(p: Principal, id: string): Promise<{ client: PublicApiClient; clientSecret: string }> {
      const { client, institutionId } = await ownClient(p, id);
      const secret = newSecret();
      const updated = await repo.updateApiClient(id, institutionId, { secretHash: hashSecret(secret), sessionId: await openSession(id) });
      if (!updated) throw notFound('ApiClient');
      await endSession(client, 'CLIENT_SECRET_ROTATED');
      return { client: publicClient(updated), clientSecret: secret };
    },

    /** Disabling ends the session of its tokens; enabling again starts a fresh one. */
    async setDisabled(p: Principal, id: string, disabled: boolean): Promise<PublicApiClient> {
      const { client, institutionId } = await ownClient(p, id);
      if (client.disabled === disabled) return publicClient(client);
      const updated = await repo.updateApiClient(
        id,
        institutionId,
        disabled ? { disabled } : { disabled, sessionId: await openSession(id) },
      );
      if (!updated) throw notFound('ApiClient');
      if (disabled) await endSession(client, 'CLIENT_DISABLED');
      return publicClient(updated);
    },

    /**
     * The client-credentials grant. Counted against the caller's address before the secret is
     * checked, like a login (the same counter and rule), so guessing secrets from one address is
     * throttled the same way; a success gives its count back. Wrong id, wrong secret and a
     * disabled client are the same UNAUTHENTICATED (invalid_client); requested scopes outside the
     * client's are BAD_USER_INPUT on `scope` (invalid_scope).
     */
    async issueToken(input: z.infer<typeof clientTokenSchema>, address: string): Promise<ClientToken> {
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
      const granted = (input.scopes ?? client.scopes) as ApiScope[];
      const outside = granted.filter((s) => !client.scopes.includes(s));
      if (outside.length > 0) throw badInput(`scope: ${outside.join(', ')} not granted to this client`, { field: 'scope' });
      const inst = await repo.findInstitution(client.institutionId);
      if (!inst) throw unauthenticated('invalid_client');
      const t = now();
      const accessToken = tokens.issue(
        { userId: client._id, role: ROLE_OF_KIND[inst.kind], orgId: inst._id, scopes: [...new Set(granted)] },
        { sessionId: client.sessionId, sessionStartedAt: Math.floor(t.getTime() / 1000) },
        { ttlSeconds: tokenSeconds },
      );
      await repo.touchApiClient(client._id, t);
      return { accessToken, expiresIn: tokenSeconds, scopes: [...new Set(granted)] };
    },
  };
}
export type ApiClientUseCases = ReturnType<typeof apiClientUseCases>;
