import { AppError, fromProblem } from '@yinqi/errors';
import { currentCorrelationId } from '@yinqi/logger';

export interface CallOptions {
  /** The caller's bearer token, forwarded so the service authorises on its own. */
  token?: string | undefined;
  query?: Record<string, string | number | boolean | undefined>;
}

/**
 * HTTP client for one internal service: timeouts on every call, retries only for idempotent
 * reads (GET) on network errors and 502/503/504, and problem+json answers turned back into
 * AppErrors with their contract code.
 */
export class ServiceClient {
  constructor(
    readonly name: string,
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly readRetries = 2,
  ) {}

  get<T>(path: string, opts: CallOptions = {}): Promise<T> {
    return this.call<T>('GET', path, undefined, opts, this.readRetries);
  }

  post<T>(path: string, body: unknown, opts: CallOptions = {}): Promise<T> {
    return this.call<T>('POST', path, body, opts, 0);
  }

  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private async call<T>(method: string, path: string, body: unknown, opts: CallOptions, retries: number): Promise<T> {
    const url = new URL(path, this.baseUrl);
    // The URL parser resolves dot segments and reads '?', '#' and '\\' as syntax: a path it
    // changes is one a value was built into unencoded. Refuse it rather than call another route.
    if (url.origin !== new URL(this.baseUrl).origin || url.pathname !== path) {
      throw new AppError('INTERNAL_SERVER_ERROR', `refused to call ${this.name} on a path a value altered`);
    }
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const correlationId = currentCorrelationId();
    if (correlationId) headers['x-correlation-id'] = correlationId;

    for (let attempt = 0; ; attempt += 1) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
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

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 50 * 2 ** attempt));

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: 'non-JSON answer' };
  }
}
