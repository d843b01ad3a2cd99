// The console's only way to the platform: the gateway's public GraphQL contract at /graphql (same origin).
import type { TypedDocumentString } from './gql/generated';

/** Readable Chinese messages for the contract's errors[].extensions.code. */
export const ERROR_TEXT: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效或账号密码错误，请重新登录',
  FORBIDDEN: '当前账号无权执行此操作',
  BAD_USER_INPUT: '输入不符合要求',
  NOT_FOUND: '记录不存在或已被删除',
  CONFLICT: '状态已变化，操作无法完成，请刷新后重试',
  POLICY_VIOLATION: '不符合区金融政策规定',
  TOO_MANY_REQUESTS: '尝试过于频繁，请稍后再试',
  INTERNAL_SERVER_ERROR: '服务暂时不可用，请稍后重试',
  NETWORK: '网络连接失败，请检查网络后重试',
};

/** The contract's FORBIDDEN reason for a user whose password was reset (API-CONTRACT-ACCOUNTS.md). */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/** "尝试过于频繁，请 N 分钟后再试", N rounded up to whole minutes (at least 1) from retryAfterSeconds. */
export function retryText(retryAfterSeconds: unknown): string {
  const s = typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : 60;
  return `尝试过于频繁，请 ${Math.max(1, Math.ceil(s / 60))} 分钟后再试`;
}

export type ErrorExtensions = { code?: string; reason?: string; retryAfterSeconds?: number } & Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly extensions: ErrorExtensions = {},
  ) {
    super(ApiError.sentence(code, detail, extensions));
  }

  /** FORBIDDEN because the user must change a reset password first. */
  get passwordChangeRequired(): boolean {
    return this.code === 'FORBIDDEN' && this.extensions.reason === PASSWORD_CHANGE_REQUIRED;
  }

  private static sentence(code: string, detail: string, ext: ErrorExtensions): string {
    if (code === 'TOO_MANY_REQUESTS') return retryText(ext.retryAfterSeconds);
    if (code === 'FORBIDDEN' && ext.reason === PASSWORD_CHANGE_REQUIRED) return '密码已被重置，请先修改密码';
    return `${ERROR_TEXT[code] ?? '操作失败'}${detail && code !== 'INTERNAL_SERVER_ERROR' ? `：${detail}` : ''}`;
  }
}

/** Turns anything thrown into a sentence for the user. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return ERROR_TEXT.NETWORK!;
}

let token: string | null = null;
let onUnauthenticated: (() => void) | null = null;
let onPasswordChangeRequired: (() => void) | null = null;
export function setToken(t: string | null) {
  token = t;
}
export function getToken(): string | null {
  return token;
}
export function setUnauthenticatedHandler(fn: (() => void) | null) {
  onUnauthenticated = fn;
}
/** Called whenever an operation answers FORBIDDEN with reason PASSWORD_CHANGE_REQUIRED. */
export function setPasswordChangeRequiredHandler(fn: (() => void) | null) {
  onPasswordChangeRequired = fn;
}
export function authHeader(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: ErrorExtensions }[];
}

export interface RequestOptions {
  /** Send this token instead of the current one (e.g. the fresh one right after login). */
  token?: string;
  /** Do not call the sign-out / forced-change handlers (for logout itself and background checks). */
  quiet?: boolean;
}

/** Sends one typed operation; resolves with its data or rejects with an ApiError. */
export async function request<TResult, TVariables>(
  doc: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
  opts: RequestOptions = {},
): Promise<TResult> {
  const bearer = opts.token ?? token;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('NETWORK', '');
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await res.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(res.status === 413 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR', '');
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const err = new ApiError(code, first.message, first.extensions ?? {});
    // Only for the token the console currently holds: an answer to an older token says nothing about this session.
    if (!opts.quiet && bearer && bearer === token) {
      if (code === 'UNAUTHENTICATED') onUnauthenticated?.();
      else if (err.passwordChangeRequired) onPasswordChangeRequired?.();
    }
    throw err;
  }
  if (!body.data) throw new ApiError('INTERNAL_SERVER_ERROR', '');
  return body.data;
}

/** Like request, for fields the gateway adds beyond the contract (untyped by codegen): null when absent. */
export async function requestOptional<T>(query: string): Promise<T | null> {
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader() },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as GraphQLResponse<T>;
    return body.errors?.length ? null : (body.data ?? null);
  } catch {
    return null;
  }
}

/** Calls `onEvent` with the data of each Server-Sent Event in `body` (its data: lines joined) until the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = chunk
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('');
      if (data) onEvent(data);
    }
  }
}

/** A stream the server refuses or ends for this user (signed out, disabled, must change the password): not retried. */
const endsSession = (payload: GraphQLResponse<unknown>) =>
  !!payload.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED' || e.extensions?.code === 'FORBIDDEN');

/**
 * Subscribes over Server-Sent Events (graphql-yoga's transport: POST with Accept: text/event-stream,
 * the Bearer token in the header, which EventSource cannot send). Reconnects after a drop; returns
 * the function that ends it.
 */
export function subscribe<TResult, TVariables>(
  doc: TypedDocumentString<TResult, TVariables>,
  onData: (data: TResult) => void,
  onState?: (connected: boolean) => void,
): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  const onEvent = (data: string) => {
    const payload = JSON.parse(data) as GraphQLResponse<TResult>;
    if (payload.data) onData(payload.data);
    if (endsSession(payload)) stopped = true;
  };
  /** One connection, until it ends ('ended') or drops (throws); 'signed-out' when the server refused the session. */
  const connect = async (): Promise<'signed-out' | 'ended'> => {
    controller = new AbortController();
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeader() },
      body: JSON.stringify({ query: doc.toString() }),
      signal: controller.signal,
    });
    if (res.status === 401) {
      // The session is over (logged out, disabled, expired): stop, and sign out if it is still the current token.
      stopped = true;
      if (token) onUnauthenticated?.();
      return 'signed-out';
    }
    if (!res.ok || !res.body) throw new Error(String(res.status));
    onState?.(true);
    await readEvents(res.body, onEvent);
    return 'ended';
  };
  const run = async () => {
    while (!stopped) {
      try {
        if ((await connect()) === 'signed-out') break;
      } catch {
        // dropped or aborted: retry below unless stopped
      }
      onState?.(false);
      if (!stopped) await new Promise((r) => setTimeout(r, 3000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

/** Downloads a CSV export (GET /export/*.csv with the Bearer token) as a file. */
export async function downloadExport(pathname: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(pathname, { headers: authHeader() });
  } catch {
    throw new ApiError('NETWORK', '');
  }
  if (!res.ok) {
    let code =
      res.status === 401
        ? 'UNAUTHENTICATED'
        : res.status === 403
          ? 'FORBIDDEN'
          : res.status === 404
            ? 'NOT_FOUND'
            : 'INTERNAL_SERVER_ERROR';
    let detail = '';
    try {
      const body = (await res.json()) as { code?: string; detail?: string; title?: string };
      code = body.code ?? code;
      detail = body.detail ?? body.title ?? '';
    } catch {
      // not JSON
    }
    throw new ApiError(code, detail);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
