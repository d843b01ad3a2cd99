import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenVerifier } from '@yinqi/auth';
import type { GraphqlHandler } from './graphql-handler';
import { IdempotencyStore, isMutationRequest, validIdempotencyKey, type StoredResponse } from './idempotency';
import { readBody } from './read-body';
import { refuse } from './refuse';

/**
 * Who is asking, for idempotency records: the verified user when the token verifies (a renewed
 * token is the same caller), else a hash of whatever Authorization was sent (anonymous callers,
 * e.g. `login`, share "no header"; the body still has to match byte for byte).
 */
function callerOf(authorization: string | undefined, tokens: TokenVerifier): string {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (m) {
    try {
      return `user:${tokens.verify(m[1]!).userId}`;
    } catch {
      // not a valid token: the request will be refused as it would be without a key
    }
  }
  return `anon:${IdempotencyStore.bodyHash(authorization ?? '')}`;
}

/** An answer worth keeping for repeats: not one that failed for a reason a retry may not meet again. */
function keepable(response: StoredResponse): boolean {
  if (response.status >= 500) return false;
  try {
    const body = JSON.parse(response.body) as
      | { errors?: { extensions?: { code?: string; retriable?: boolean } }[] }
      | { errors?: unknown }[];
    const results = Array.isArray(body) ? body : [body];
    return !results.some((r) =>
      (r as { errors?: { extensions?: { code?: string; retriable?: boolean } }[] }).errors?.some(
        (e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.retriable === true,
      ),
    );
  } catch {
    return false;
  }
}

/** Headers that describe the connection or the framing, not the request: fetch sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'expect']);

export interface IdempotentRequestOptions {
  yoga: GraphqlHandler;
  tokens: TokenVerifier;
  store: IdempotencyStore;
  maxBodyBytes: number;
}

/**
 * `Idempotency-Key` on a mutation request (API-CONTRACT-OPEN.md): the body is read here, the
 * first request executes through yoga's fetch API, and its answer is kept for repeats.
 */
export async function answerIdempotently(
  o: IdempotentRequestOptions,
  req: IncomingMessage,
  res: ServerResponse,
  key: string,
): Promise<void> {
  const raw = await readBody(req, o.maxBodyBytes);
  if (!raw) return refuse(res, 413, 'Request body too large (limit 1 MB)');
  const text = raw.toString('utf8');
  const execute = async (): Promise<StoredResponse> => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !HOP_BY_HOP.has(k)) headers.set(k, v);
    const answer = await o.yoga.fetch(
      `http://${req.headers.host ?? 'gateway'}${req.url ?? '/graphql'}`,
      { method: 'POST', headers, body: raw },
      { req, res },
    );
    return { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', body: await answer.text() };
  };
  const send = (r: StoredResponse, replayed: boolean) => {
    res.writeHead(r.status, { 'content-type': r.contentType, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
    res.end(r.body);
  };
  // A query with a key is just a query: keys make repeats of writes safe, reads are safe already.
  if (!isMutationRequest(text)) return send(await execute(), false);
  if (!validIdempotencyKey(key)) return refuse(res, 400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  let executed = false;
  const result = await o.store.run(callerOf(req.headers.authorization, o.tokens), key, text, async () => {
    executed = true;
    const response = await execute();
    return { response, keep: keepable(response) };
  });
  if ('conflict' in result) return refuse(res, 409, result.conflict, 'CONFLICT');
  send(result, !executed);
}
