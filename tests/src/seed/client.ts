// The seed's only way into the system: the public GraphQL gateway, like any client.
// Small helpers: a GraphQL call that throws on errors (with the code), a concurrency limit and
// polling with a deadline (no fixed sleeps).

export interface GqlError {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** A GraphQL error answer, with its `extensions.code` (CONFLICT, NOT_FOUND, …). */
export class GatewayError extends Error {
  constructor(
    readonly operation: string,
    readonly code: string | undefined,
    readonly errors: GqlError[],
  ) {
    super(`${operation}: ${code ?? 'error'} ${errors.map((e) => e.message).join('; ')}`);
  }
}

export type Gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<T>;

/** Mutations that change nothing when repeated (a sign-in), so a masked error may be retried. */
const SAFE_TO_REPEAT = new Set(['login']);

const operationName = (query: string) => /\{\s*([A-Za-z]+)/.exec(query)?.[1] ?? 'query';

/**
 * A client for one gateway URL. Network failures and masked internal errors are retried a few
 * times (a service restarting or a FerretDB hiccup must not fail the whole seed); any other error
 * is thrown as a GatewayError for the caller to judge.
 */
export function gatewayClient(url: string): Gql {
  return async function call<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const op = operationName(query);
    for (let attempt = 1; ; attempt += 1) {
      let body: { data?: T | null; errors?: GqlError[] };
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        body = (await res.json()) as typeof body;
      } catch (err) {
        if (attempt < 5) {
          await pause(200 * attempt);
          continue;
        }
        throw new Error(`${op}: the gateway at ${url} did not answer (${(err as Error).message})`);
      }
      if (body.errors?.length) {
        const code = body.errors[0]?.extensions?.code;
        // Only reads are repeated here: a mutation that timed out may have been applied (a repeated
        // repayment would be paid twice); the seed's steps re-read the state and decide again instead.
        if (code === 'INTERNAL_SERVER_ERROR' && attempt < 4 && (/^\s*query\b/.test(query) || SAFE_TO_REPEAT.has(op))) {
          await pause(300 * attempt);
          continue;
        }
        throw new GatewayError(op, code, body.errors);
      }
      if (!body.data) throw new GatewayError(op, undefined, [{ message: 'no data in the answer' }]);
      return body.data;
    }
  };
}

/** The code of a GatewayError, else undefined. */
export const codeOf = (err: unknown): string | undefined => (err instanceof GatewayError ? err.code : undefined);

/** Back-off between retries of a failed call (not a wait for a condition). */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` until it returns a value other than null/undefined/false; a thrown error is
 * remembered and retried. Fails with `what` after `timeoutMs`.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== null && v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `seed: ${what} did not happen within ${timeoutMs / 1000} s${last ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    await pause(intervalMs);
  }
}

/** Runs `fn` over `items` with at most `limit` at a time; rejects with the first failure once all settled. */
export async function mapLimit<I, O>(items: readonly I[], limit: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length) {
    if (failures.length === 1) throw failures[0];
    throw new Error(`${failures.length} failures:\n${failures.map((f) => `  - ${(f as Error).message}`).join('\n')}`);
  }
  return out;
}
