import { AppError, fromProblem } from '@yinqi/errors';
import { currentCorrelationId } from '@yinqi/logger';

export interface CallOptions {
  /** The caller's bearer token, forwarded so the service authorises on its own. */
  token?: string | undefined;
  query?: Record<string, string | number | boolean | undefined>;
  /** Extra request headers (the caller's address for identity's login throttling). */
  headers?: Record<string, string>;
}

/**
 * HTTP client for one internal service: timeouts on every call, retries only for idempotent
 * reads (GET) on network errors and 502/503/504, and problem+json answers turned back into
 * AppErrors with their contract code.
 *
 * `baseUrls` may name several replicas of the service (the launcher's YINQI_REPLICAS, or a
 * comma-separated `<SERVICE>_URL`): calls go round-robin over them, and a call whose connection
 * was refused (so the request never reached a replica — safe for writes too) moves on to the next.
 */
export class ServiceClient {
  private readonly bases: readonly URL[];
  private next = 0;

  constructor(
    readonly name: string,
    baseUrls: string | readonly string[],
    private readonly timeoutMs: number,
    private readonly readRetries = 2,
  ) {
    this.bases = parseBaseUrls(baseUrls);
  }

  /** How many replicas this client spreads its calls over. */
  get replicas(): number {
    return this.bases.length;
  }

  get<T>(path: string, opts: CallOptions = {}): Promise<T> {
    return this.call<T>('GET', path, undefined, opts, this.readRetries);
  }

  post<T>(path: string, body: unknown, opts: CallOptions = {}): Promise<T> {
    return this.call<T>('POST', path, body, opts, 0);
  }

  /** Healthy when at least one replica answers its /healthz. */
  async healthy(): Promise<boolean> {
    const answers = await Promise.all(
      this.bases.map(async (base) => {
        try {
          const res = await fetch(new URL('/healthz', base), { signal: AbortSignal.timeout(2_000) });
          return res.status === 200;
        } catch {
          return false;
        }
      }),
    );
    return answers.includes(true);
  }

  /** The replica for the next call (round-robin). */
  private pick(): URL {
    const base = this.bases[this.next % this.bases.length]!;
    this.next = (this.next + 1) % this.bases.length;
    return base;
  }

  private async call<T>(method: string, path: string, body: unknown, opts: CallOptions, retries: number): Promise<T> {
    const build = (base: URL) => {
      const url = new URL(path, base);
      // The URL parser resolves dot segments and reads '?', '#' and '\\' as syntax: a path it
      // changes is one a value was built into unencoded. Refuse it rather than call another route.
      if (url.origin !== base.origin || url.pathname !== path) {
        throw new AppError('INTERNAL_SERVER_ERROR', `refused to call ${this.name} on a path a value altered`);
      }
      for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
      return url;
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.headers) Object.assign(headers, opts.headers);
    const correlationId = currentCorrelationId();
    if (correlationId) headers['x-correlation-id'] = correlationId;

    // A refused connection on one replica moves on to the others, once each, before it counts as
    // an attempt: the request was never delivered, so this is safe for writes as well.
    let refused = 0;
    for (let attempt = 0; ; attempt += 1) {
      const url = build(this.pick());
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        if (connectionRefused(err) && refused < this.bases.length - 1) {
          refused += 1;
          attempt -= 1;
          continue;
        }
        if (attempt < retries) {
          await backoff(attempt);
          continue;
        }
        throw new AppError('INTERNAL_SERVER_ERROR', `${this.name} service unavailable`, { retriable: true, cause: err });
      }
      if ((res.status === 502 || res.status === 503 || res.status === 504) && attempt < retries) {
        await res.body?.cancel();
        await backoff(attempt);
        continue;
      }
      const text = await res.text();
      const parsed: unknown = text ? safeJson(text) : null;
      if (!res.ok) throw fromProblem(parsed, res.status);
      return parsed as T;
    }
  }
}

/** The replicas' base URLs: a list, or one string of comma-separated URLs. */
export function parseBaseUrls(baseUrls: string | readonly string[]): URL[] {
  const list = (typeof baseUrls === 'string' ? baseUrls.split(',') : [...baseUrls]).map((u) => u.trim()).filter(Boolean);
  if (list.length === 0) throw new Error('a service client needs at least one base URL');
  return list.map((u) => new URL(u));
}

/** True when fetch failed because nothing accepted the connection (the request was not sent). */
function connectionRefused(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 50 * 2 ** attempt));

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: 'non-JSON answer' };
  }
}
