import DataLoader from 'dataloader';
import type { Principal, SessionRevocations, TokenClaims, TokenVerifier } from '@yinqi/auth';
import { AppError, forbidden, unauthenticated } from '@yinqi/errors';
import type { Clients } from './clients';
import type { InstitutionDto } from './clients/identity-client';
import type { DemandDto, EnterpriseDto, MatchDto, ProductDto } from './clients/types';

export type { Clients };

export interface GatewayContext {
  /** The raw bearer token, forwarded to services. */
  token: string | undefined;
  /** The verified caller; throws UNAUTHENTICATED when there is no valid token. */
  principal(): TokenClaims;
  /** The verified caller when it has one of `roles`; FORBIDDEN otherwise. */
  requireRole(...roles: Principal['role'][]): Principal;
  /** The token of a verified caller (for calls that need one). */
  requireToken(): string;
  clients: Clients;
  loaders: Loaders;
  /** The caller's network address (X-Forwarded-For only from a trusted proxy): login throttling. */
  clientAddress: string;
  /** Calls `close` when the caller's session ends; returns how to stop watching. */
  watchSession(close: () => void): () => void;
}

/** Per-request batching: a list never makes one service call per item. */
export interface Loaders {
  institution: DataLoader<string, InstitutionDto | null>;
  enterprise: DataLoader<string, EnterpriseDto | null>;
  demand: DataLoader<string, DemandDto | null>;
  product: DataLoader<string, ProductDto | null>;
  match: DataLoader<string, MatchDto | null>;
  /** Matches of a demand, as the caller may see them. */
  matchesByDemand: DataLoader<string, MatchDto[]>;
}

/** A DataLoader over a batch endpoint that answers with the items it found (and may see). */
function byIds<T extends { id: string }>(fetchMany: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const found = await fetchMany(ids);
      const byId = new Map(found.map((x) => [x.id, x]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatchSize: 100 },
  );
}

/**
 * Builds the per-request context: the token is verified lazily, so a request that only calls
 * `login` is not refused because of a stale token, while every field that needs a caller gets
 * UNAUTHENTICATED for a missing, expired, forged or tampered one.
 */
export function buildContext(
  authorization: string | null,
  tokens: TokenVerifier,
  clients: Clients,
  session: { clientAddress: string; revocations: SessionRevocations },
): GatewayContext {
  let token: string | undefined;
  let error: AppError | undefined;
  let verified: TokenClaims | undefined;
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (m) token = m[1];
    else error = unauthenticated('Malformed Authorization header');
  }
  const principal = (): TokenClaims => {
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
    clientAddress: session.clientAddress,
    watchSession: (close) => {
      const sessionId = principal().sessionId;
      return session.revocations.onEnded((ended) => {
        if (ended === sessionId) close();
      });
    },
    loaders: loadersFor(clients, requireToken),
  };
}

/** Per-request batching loaders, each calling the service with the caller's token. */
function loadersFor(clients: Clients, requireToken: () => string): GatewayContext['loaders'] {
  return {
    institution: byIds((ids) => clients.identity.institutionsByIds(requireToken(), ids)),
    enterprise: byIds((ids) => clients.enterprise.enterprisesByIds(requireToken(), ids)),
    demand: byIds((ids) => clients.enterprise.demandsByIds(requireToken(), ids)),
    product: byIds((ids) => clients.product.productsByIds(requireToken(), ids)),
    match: byIds((ids) => clients.matching.matchesByIds(requireToken(), ids)),
    matchesByDemand: new DataLoader<string, MatchDto[]>(
      async (demandIds) => {
        const all = await clients.matching.matchesByDemandIds(requireToken(), demandIds);
        return demandIds.map((id) => all.filter((m) => m.demandId === id));
      },
      { maxBatchSize: 100 },
    ),
  };
}
