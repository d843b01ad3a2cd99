import DataLoader from 'dataloader';
import type { Principal, TokenService } from '@yinqi/auth';
import { AppError, forbidden, unauthenticated } from '@yinqi/errors';
import type { IdentityClient, InstitutionDto } from './clients/identity-client';

export interface Clients {
  identity: IdentityClient;
}

export interface GatewayContext {
  /** The raw bearer token, forwarded to services. */
  token: string | undefined;
  /** The verified caller; throws UNAUTHENTICATED when there is no valid token. */
  principal(): Principal;
  /** The verified caller when it has one of `roles`; FORBIDDEN otherwise. */
  requireRole(...roles: Principal['role'][]): Principal;
  /** The token of a verified caller (for calls that need one). */
  requireToken(): string;
  clients: Clients;
  loaders: Loaders;
}

export interface Loaders {
  institution: DataLoader<string, InstitutionDto | null>;
}

/**
 * Builds the per-request context: the token is verified lazily, so a request that only calls
 * `login` is not refused because of a stale token, while every field that needs a caller gets
 * UNAUTHENTICATED for a missing, expired, forged or tampered one.
 */
export function buildContext(authorization: string | null, tokens: TokenService, clients: Clients): GatewayContext {
  let token: string | undefined;
  let error: AppError | undefined;
  let verified: Principal | undefined;
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (m) token = m[1];
    else error = unauthenticated('Malformed Authorization header');
  }
  const principal = (): Principal => {
    if (verified) return verified;
    if (error) throw error;
    if (!token) throw unauthenticated('Sign in first');
    try {
      verified = tokens.verify(token);
    } catch (err) {
      error = err instanceof AppError ? err : unauthenticated('Invalid token');
      throw error;
    }
    return verified;
  };
  const requireToken = () => {
    principal();
    return token!;
  };
  return {
    token,
    principal,
    requireToken,
    requireRole: (...roles) => {
      const p = principal();
      if (!roles.includes(p.role)) throw forbidden();
      return p;
    },
    clients,
    loaders: {
      institution: new DataLoader(async (ids) => {
        const found = await clients.identity.institutionsByIds(requireToken(), ids);
        const byId = new Map(found.map((i) => [i.id, i]));
        return ids.map((id) => byId.get(id) ?? null);
      }, { maxBatchSize: 100 }),
    },
  };
}
