import { createSecretKey, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { unauthenticated } from '@yinqi/errors';
import { ROLES, type Principal, type Role } from './roles';

/** The only algorithm we sign with and the only one we accept: never taken from the token header. */
export const TOKEN_ALGORITHM = 'HS256' as const;

export interface TokenSettings {
  secret: string;
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
  expiresAt: number;
}

export interface TokenService {
  issue(principal: Principal, sessionStartedAt?: number): string;
  verify(token: string): TokenClaims;
}

export function createTokenService(settings: TokenSettings): TokenService {
  if (settings.secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  // A KeyObject made once, not the secret string: given a string, jsonwebtoken 9 first tries
  // `createPublicKey(secret)` on every call and builds the secret key from the thrown error. That
  // failed parse and its Error (stack trace, source-mapped under --enable-source-maps) was the top
  // self-time of every process in the gateway profile (docs/PERFORMANCE.md "Gateway"): ~4 ms per
  // verify at load 30 against ~0.05–0.09 ms with the KeyObject. Same HMAC key bytes, so tokens
  // signed either way verify either way.
  const key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  return {
    issue(principal, sessionStartedAt = Math.floor(Date.now() / 1000)) {
      const payload: Record<string, unknown> = { role: principal.role, sat: sessionStartedAt };
      if (principal.orgId) payload.orgId = principal.orgId;
      return jwt.sign(payload, key, {
        algorithm: TOKEN_ALGORITHM,
        subject: principal.userId,
        issuer: settings.issuer,
        audience: settings.audience,
        expiresIn: settings.ttlSeconds,
      });
    },
    verify(token) {
      let decoded: jwt.JwtPayload | string;
      try {
        decoded = jwt.verify(token, key, {
          algorithms: [TOKEN_ALGORITHM],
          issuer: settings.issuer,
          audience: settings.audience,
        });
      } catch (err) {
        throw unauthenticated(err instanceof jwt.TokenExpiredError ? 'Token expired: sign in again' : 'Invalid token');
      }
      if (typeof decoded === 'string' || typeof decoded.sub !== 'string' || typeof decoded.exp !== 'number') {
        throw unauthenticated('Invalid token');
      }
      const role = decoded.role as Role;
      if (!ROLES.includes(role)) throw unauthenticated('Invalid token');
      const claims: TokenClaims = {
        userId: decoded.sub,
        role,
        sessionStartedAt: typeof decoded.sat === 'number' ? decoded.sat : decoded.iat ?? 0,
        expiresAt: decoded.exp,
      };
      if (typeof decoded.orgId === 'string') claims.orgId = decoded.orgId;
      return claims;
    },
  };
}

/**
 * The signing secret: JWT_SECRET when set; otherwise, outside production, a random secret
 * generated once into the local data folder so that every local process agrees on it.
 * Production refuses to start without JWT_SECRET.
 */
export function resolveJwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return fromEnv;
  }
  if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET is required when NODE_ENV=production');
  const dir = env.YINQI_DATA_DIR ?? path.resolve('.data');
  const file = path.join(dir, 'dev-jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch {
      // another process created it first: read theirs
    }
    return readFileSync(file, 'utf8').trim();
  }
}
