// When to renew the access token: read from the token's own claims (exp, iat), so the console follows
// whatever lifetime the identity service issues (ACCESS_TOKEN_TTL_SECONDS) without knowing it.
// The schedule runs on the browser's clock from when the token arrived, using only the token's life
// (exp − iat): a browser clock minutes off the server's neither renews in a loop nor lets the token lapse.
// Pure functions (no DOM, no clock of their own): unit-tested in token-lifetime.unit.test.ts.

/** Renew once this share of a token's life has passed: early enough to survive a slow answer or a retry. */
export const RENEW_AT_SHARE = 0.8;
/** After a renewal that failed for a reason other than the session ending (network, 5xx): try again this soon. */
export const RETRY_RENEW_MS = 30_000;

/** Both on the browser's clock, ms since the epoch. */
export interface RenewalSchedule {
  renewAt: number;
  expiresAt: number;
}

function base64UrlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bin = atob(b64);
  // The payload is UTF-8 JSON (emails may hold non-ASCII): decode the bytes, not the Latin-1 string.
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * The renewal schedule of a token the browser received at `receivedAt` (its own clock; when unknown,
 * e.g. a session stored by an older console, the token's iat is taken instead). Reads the (unverified)
 * payload: the console only schedules with it, the gateway and services verify. Null when the token is
 * not a JWT with a numeric `exp` after its `iat`.
 */
export function renewalSchedule(token: string, receivedAt: number | undefined): RenewalSchedule | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let claims: { exp?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(base64UrlDecode(payload)) as { exp?: unknown; iat?: unknown };
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return null;
  const exp = claims.exp * 1000;
  const iat = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat * 1000 : undefined;
  const start = receivedAt ?? iat;
  if (start === undefined) return null;
  // Without iat the life is counted from arrival on the browser's clock: the best there is.
  const life = exp - (iat ?? start);
  if (!(life > 0)) return null;
  return { renewAt: start + RENEW_AT_SHARE * life, expiresAt: start + life };
}

/**
 * How long to wait (ms, ≥ 0) before renewing at `now`. Zero when the renewal moment has passed — after
 * the laptop slept through it, say — so the caller renews at once (and learns whether the session is
 * still alive).
 */
export function renewDelay(s: RenewalSchedule, now: number): number {
  return Math.max(0, s.renewAt - now);
}
