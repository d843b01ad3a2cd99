import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthenticated } from '@yinqi/errors';
import type { SigningKey, VerificationKeys } from './keys';
import { ROLES, type Principal, type Role } from './roles';

/**
 * The only algorithm we sign with and the only one we accept: never taken from the token header.
 * ES256 (ECDSA P-256): asymmetric, so the processes that verify hold no key that could sign, and
 * jsonwebtoken verifies it synchronously (every request path stays synchronous); it refuses a key
 * of any other type or curve for this algorithm.
 */
export const TOKEN_ALGORITHM = 'ES256' as const;

export interface TokenSettings {
  issuer: string;
  audience: string;
  /** Access token lifetime. */
  ttlSeconds: number;
  /** How long after the original login a token may still be renewed. */
  maxSessionSeconds: number;
}

export interface TokenClaims extends Principal {
  /** When the session began (login), seconds since epoch; renewals keep it. */
  sessionStartedAt: number;
  /** The session this token belongs to; renewals keep it, logout and revocations end it. */
  sessionId: string;
  /** Set after a password reset: only me, changePassword and logout are allowed. */
  mustChangePassword: boolean;
  expiresAt: number;
}

/** What identity puts in a new token. */
export interface SessionGrant {
  sessionId: string;
  sessionStartedAt: number;
  mustChangePassword?: boolean;
}

/** Answers whether a session was ended (logout, password change, reset, disabled user). */
export interface RevokedSessions {
  isRevoked(sessionId: string): boolean;
}

export interface TokenVerifier {
  verify(token: string): TokenClaims;
}

export interface TokenService extends TokenVerifier {
  issue(principal: Principal, session: SessionGrant, opts?: { ttlSeconds?: number }): string;
}

/** A new session id (opaque to everyone but identity). */
export const newSessionId = (): string => randomUUID();

/**
 * Verifies tokens with public keys only: the `kid` header picks one of the keys it was given
 * (identity's JWKS), the algorithm is pinned, `iss`/`aud`/`exp` are checked, and a token whose
 * session was ended is refused. A token with an unknown `kid`, no `kid`, another algorithm
 * (HS256 included: the old shared secret is no key here), or a key from anywhere else
 * (`jku`/`x5u`/`jwk` headers are never read) is UNAUTHENTICATED.
 */
export function createTokenVerifier(
  settings: Pick<TokenSettings, 'issuer' | 'audience'>,
  keys: VerificationKeys,
  revoked?: RevokedSessions,
  opts: { cacheSize?: number; now?: () => number } = {},
): TokenVerifier {
  // A signature check costs ~10–20× an HMAC (P-256 ECDSA against HS256), on the gateway and again
  // in each service a request reaches, while a client sends the same token for up to an hour. So
  // a token whose signature and claims were verified is remembered (by its exact bytes, which is
  // what was verified); expiry and the session's revocation are still checked on every use.
  const cacheSize = opts.cacheSize ?? 5_000;
  const now = opts.now ?? Date.now;
  const verified = new Map<string, TokenClaims>();
  const fresh = (claims: TokenClaims): TokenClaims => {
    if (claims.expiresAt * 1000 <= now()) throw unauthenticated('Token expired: sign in again');
    if (revoked?.isRevoked(claims.sessionId)) throw unauthenticated('Session ended: sign in again');
    return { ...claims };
  };
  return {
    verify(token) {
      const known = verified.get(token);
      if (known) return fresh(known);
      const claims = verifySignatureAndClaims(token);
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
      verified.set(token, claims);
      return fresh(claims);
    },
  };

  function verifySignatureAndClaims(token: string): TokenClaims {
    const header = decodeHeader(token);
    if (!header || header.alg !== TOKEN_ALGORITHM || typeof header.kid !== 'string') throw unauthenticated('Invalid token');
    const key = keys.byKid.get(header.kid);
    if (!key) throw unauthenticated('Invalid token');
    let decoded: jwt.JwtPayload | string;
    try {
      decoded = jwt.verify(token, key, { algorithms: [TOKEN_ALGORITHM], issuer: settings.issuer, audience: settings.audience });
    } catch (err) {
      throw unauthenticated(err instanceof jwt.TokenExpiredError ? 'Token expired: sign in again' : 'Invalid token');
    }
    if (typeof decoded === 'string' || typeof decoded.sub !== 'string' || typeof decoded.exp !== 'number')
      throw unauthenticated('Invalid token');
    if (typeof decoded.sid !== 'string' || typeof decoded.sat !== 'number') throw unauthenticated('Invalid token');
    const role = decoded.role as Role;
    if (!ROLES.includes(role)) throw unauthenticated('Invalid token');
    const claims: TokenClaims = {
      userId: decoded.sub,
      role,
      sessionStartedAt: decoded.sat,
      sessionId: decoded.sid,
      mustChangePassword: decoded.pcr === true,
      expiresAt: decoded.exp,
    };
    if (typeof decoded.orgId === 'string') claims.orgId = decoded.orgId;
    // An API client's token: its scopes, never widened by anything but its own signed claim.
    if (decoded.scp !== undefined) {
      if (!Array.isArray(decoded.scp) || !decoded.scp.every((s): s is string => typeof s === 'string'))
        throw unauthenticated('Invalid token');
      claims.scopes = decoded.scp;
    }
    return claims;
  }
}

/**
 * Identity's token service: signs with the first of its signing keys (the newest, after a
 * rotation) and verifies like everyone else, against every public key it was given.
 */
export function createTokenService(
  settings: TokenSettings,
  signing: SigningKey,
  keys: VerificationKeys,
  revoked?: RevokedSessions,
): TokenService {
  if (!keys.byKid.has(signing.kid)) throw new Error(`the signing key ${signing.kid} is not among the verification keys`);
  const verifier = createTokenVerifier(settings, keys, revoked);
  return {
    issue(principal, session, opts = {}) {
      const payload: Record<string, unknown> = { role: principal.role, sat: session.sessionStartedAt, sid: session.sessionId };
      if (principal.orgId) payload.orgId = principal.orgId;
      if (principal.scopes) payload.scp = [...principal.scopes];
      if (session.mustChangePassword) payload.pcr = true;
      return jwt.sign(payload, signing.privateKey, {
        algorithm: TOKEN_ALGORITHM,
        keyid: signing.kid,
        subject: principal.userId,
        issuer: settings.issuer,
        audience: settings.audience,
        expiresIn: Math.min(opts.ttlSeconds ?? settings.ttlSeconds, settings.ttlSeconds),
      });
    },
    verify: (token) => verifier.verify(token),
  };
}

function decodeHeader(token: string): { alg?: unknown; kid?: unknown } | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  try {
    const h = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8')) as unknown;
    return typeof h === 'object' && h !== null ? (h as { alg?: unknown; kid?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
