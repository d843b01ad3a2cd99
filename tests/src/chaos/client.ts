// The chaos client: POST /graphql like any client, with every answer classified. A transport
// failure (no answer, a 5xx without GraphQL body, or the masked INTERNAL_SERVER_ERROR) leaves the
// outcome of a mutation unknown: callers re-read the state before deciding to send it again.

export interface GqlErr {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string; transport: boolean };

export interface ClientStats {
  calls: number;
  transportFailures: number;
}

export function chaosClient(url: string, timeoutMs = 45_000) {
  const stats: ClientStats = { calls: 0, transportFailures: 0 };
  async function call<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Outcome<T>> {
    stats.calls += 1;
    let status = 0;
    let body: { data?: T | null; errors?: GqlErr[] };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      body = (await res.json()) as typeof body;
    } catch (err) {
      stats.transportFailures += 1;
      return { ok: false, code: status ? `HTTP_${status}` : 'NO_ANSWER', message: (err as Error).message, transport: true };
    }
    if (body.errors?.length) {
      const code = body.errors[0]?.extensions?.code ?? `HTTP_${status}`;
      const transport = code === 'INTERNAL_SERVER_ERROR' || status >= 500;
      if (transport) stats.transportFailures += 1;
      return { ok: false, code, message: body.errors.map((e) => e.message).join('; '), transport };
    }
    if (!body.data) {
      stats.transportFailures += 1;
      return { ok: false, code: `HTTP_${status}`, message: 'no data in the answer', transport: true };
    }
    return { ok: true, data: body.data };
  }
  return { call, stats };
}

export type Call = ReturnType<typeof chaosClient>['call'];

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A read, repeated while the answer is a transport failure (a service restarting), until `deadline`.
 * Other errors are thrown: a read that is refused is a finding, not something to wait out.
 */
export async function read<T>(call: Call, deadline: number, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const r = await call<T>(query, variables, token);
    if (r.ok) return r.data;
    if (!r.transport) throw new Error(`${query.slice(0, 60)}…: ${r.code} ${r.message}`);
    if (Date.now() > deadline) throw new Error(`${query.slice(0, 60)}…: still failing at the deadline (${r.code} ${r.message})`);
    await pause(Math.min(250 * attempt, 2_000));
  }
}
