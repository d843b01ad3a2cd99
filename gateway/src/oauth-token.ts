import type { IncomingMessage, ServerResponse } from 'node:http';
import { scopeFromWire, scopeToWire, type ApiScope } from '@yinqi/auth';
import { isAppError } from '@yinqi/errors';
import type { Logger } from '@yinqi/logger';
import type { IdentityClient } from './clients/identity-client';
import { readBody } from './read-body';

/** The token endpoint of the open interface (API-CONTRACT-OPEN.md "API clients"). */
export const OAUTH_TOKEN_PATH = '/oauth/token';

/** RFC 6749 §5.2 error codes this endpoint answers (and `slow_down`, RFC 8628's, for the throttle). */
type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type' | 'slow_down' | 'server_error';

export class OAuthProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthError,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  /** Absent: every scope the client has. */
  scopes?: ApiScope[];
}

/**
 * Reads a client-credentials request (RFC 6749 §4.4.2 and §2.3.1): a form body with
 * grant_type=client_credentials; the credentials either in HTTP Basic (each half form-urlencoded
 * before base64, as §2.3.1 says) or as client_id/client_secret fields, never both; `scope` a
 * space-separated list of lowercase scopes (`matches:read`).
 */
export function parseTokenRequest(contentType: string | undefined, authorization: string | undefined, body: string): TokenRequest {
  const bad = (m: string) => new OAuthProblem(400, 'invalid_request', m);
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? ''))
    throw bad('The body must be application/x-www-form-urlencoded');
  const form = new URLSearchParams(body);
  // §3.2: parameters must not be repeated.
  for (const k of new Set(form.keys())) if (form.getAll(k).length > 1) throw bad(`${k} is repeated`);
  const grant = form.get('grant_type');
  if (!grant) throw bad('grant_type is required');
  if (grant !== 'client_credentials')
    throw new OAuthProblem(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  const inBody = form.has('client_id') || form.has('client_secret');
  let clientId: string | null;
  let clientSecret: string | null;
  if (basic) {
    if (inBody) throw bad('Send the client credentials in one way only');
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new OAuthProblem(401, 'invalid_client', 'Malformed Basic credentials', { 'www-authenticate': 'Basic realm="yinqi"' });
    try {
      clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    } catch {
      throw new OAuthProblem(401, 'invalid_client', 'Malformed Basic credentials', { 'www-authenticate': 'Basic realm="yinqi"' });
    }
  } else if (authorization) {
    throw new OAuthProblem(401, 'invalid_client', 'Use HTTP Basic or client_id/client_secret', {
      'www-authenticate': 'Basic realm="yinqi"',
    });
  } else {
    clientId = form.get('client_id');
    clientSecret = form.get('client_secret');
  }
  if (!clientId || !clientSecret)
    throw new OAuthProblem(401, 'invalid_client', 'Client credentials are required', { 'www-authenticate': 'Basic realm="yinqi"' });
  if (clientId.length > 200 || clientSecret.length > 500) throw new OAuthProblem(401, 'invalid_client', 'Invalid client credentials');
  const scope = form.get('scope');
  if (scope === null) return { clientId, clientSecret };
  const words = scope.split(' ').filter((w) => w.length > 0);
  if (words.length === 0 || words.length > 20) throw new OAuthProblem(400, 'invalid_scope', 'scope: one or more space-separated scopes');
  const scopes: ApiScope[] = [];
  for (const w of words) {
    const s = scopeFromWire(w);
    if (!s) throw new OAuthProblem(400, 'invalid_scope', `Unknown scope ${w}`);
    if (!scopes.includes(s)) scopes.push(s);
  }
  return { clientId, clientSecret, scopes };
}

/** Identity's answer as the RFC's error: its codes carry over one to one. */
function problemOf(err: unknown): OAuthProblem {
  if (err instanceof OAuthProblem) return err;
  if (isAppError(err)) {
    if (err.code === 'UNAUTHENTICATED') return new OAuthProblem(401, 'invalid_client', 'Invalid client credentials');
    if (err.code === 'BAD_USER_INPUT' && err.details?.field === 'scope') return new OAuthProblem(400, 'invalid_scope', err.message);
    if (err.code === 'BAD_USER_INPUT') return new OAuthProblem(400, 'invalid_request', err.message);
    if (err.code === 'TOO_MANY_REQUESTS') {
      const wait = Number(err.extensions?.retryAfterSeconds ?? 60);
      return new OAuthProblem(429, 'slow_down', err.message, { 'retry-after': String(Math.max(1, Math.ceil(wait))) });
    }
  }
  return new OAuthProblem(503, 'server_error', 'The token service is unavailable: try again');
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // §5.1: token answers must never be cached.
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache', ...headers });
  res.end(JSON.stringify(body));
}

/** POST /oauth/token: parses, asks identity to issue, answers RFC 6749 §5.1/§5.2. */
export async function serveClientToken(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { identity: IdentityClient; clientAddress: string; maxBodyBytes: number; logger: Logger },
): Promise<void> {
  if (req.method !== 'POST') return answer(res, 405, { error: 'invalid_request', error_description: 'POST only' }, { allow: 'POST' });
  try {
    const body = (await readBody(req, deps.maxBodyBytes))?.toString('utf8');
    if (body === undefined) throw new OAuthProblem(413, 'invalid_request', 'Request body too large');
    const request = parseTokenRequest(req.headers['content-type'], req.headers.authorization, body);
    const issued = await deps.identity.clientToken(request.clientId, request.clientSecret, request.scopes, deps.clientAddress);
    answer(res, 200, {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: issued.scopes.map((s) => scopeToWire(s as ApiScope)).join(' '),
    });
  } catch (err) {
    const p = problemOf(err);
    if (p.status >= 500) deps.logger.error({ err }, 'client token request failed');
    answer(res, p.status, { error: p.error, error_description: p.message }, p.headers);
  }
}
