// When to renew the access token: read from the token's own claims (exp, iat), so the console follows
// whatever lifetime the identity service issues (ACCESS_TOKEN_TTL_SECONDS) without knowing it.
// Pure functions (no DOM, no clock of their own): unit-tested in token-lifetime.unit.test.ts.

/** Renew once this share of a token's life has passed: early enough to survive a slow answer or a retry. */
export const RENEW_AT_SHARE = 0.8;
/** After a renewal that failed for a reason other than the session ending (network, 5xx): try again this soon. */
export const RETRY_RENEW_MS = 30_000;

export interface TokenTimes {
  /** ms since the epoch */
  issuedAt: number;
  /** ms since the epoch */
  expiresAt: number;
}

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bin = atob(b64);
  // The payload is UTF-8 JSON (emails may hold non-ASCII): decode the bytes, not the Latin-1 string.
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * The token's issue and expiry times from its (unverified) payload: the console only schedules with
 * them, the gateway and services verify. Null when the token is not a JWT with a numeric `exp`.
 * Without `iat`, the life is counted from `receivedAt` (when the console got the token).
 */
export function tokenTimes(token: string, receivedAt: number): TokenTimes | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let claims: { exp?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(base64UrlDecode(payload)) as { exp?: unknown; iat?: unknown };
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return null;
  const expiresAt = claims.exp * 1000;
  const issuedAt = typeof claims.iat === 'number' && claims.iat * 1000 < expiresAt ? claims.iat * 1000 : Math.min(receivedAt, expiresAt);
  return { issuedAt, expiresAt };
}

/** The moment (ms since the epoch) to renew a token: RENEW_AT_SHARE of its life after it was issued. */
export function renewAt(times: TokenTimes): number {
  return times.issuedAt + RENEW_AT_SHARE * (times.expiresAt - times.issuedAt);
}

/**
 * How long to wait (ms, ≥ 0) before renewing at `now`. Zero when the renewal moment has passed — after
 * the laptop slept through it, say — so the caller renews at once (and learns whether the session is
 * still alive).
 */
export function renewDelay(times: TokenTimes, now: number): number {
  return Math.max(0, renewAt(times) - now);
}
