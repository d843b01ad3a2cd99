/**
 * One error family for every service and the gateway. A use-case throws an AppError with a
 * contract code; express turns it into problem+json, the gateway client turns that back into an
 * AppError, and the gateway into a GraphQL error with `extensions.code`.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'POLICY_VIOLATION'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

export const ERROR_CODES: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'POLICY_VIOLATION',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
];

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  POLICY_VIOLATION: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export interface AppErrorOptions {
  /** Safe to show the caller (field names, limits); never internals. */
  details?: Record<string, unknown>;
  /** Whether retrying the same request may succeed (network, lock contention). */
  retriable?: boolean;
  /**
   * Fields the contract puts directly in the GraphQL error's `extensions` (beside `code`), e.g.
   * `retryAfterSeconds` of TOO_MANY_REQUESTS or `reason` of PASSWORD_CHANGE_REQUIRED.
   */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retriable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.retriable = options.retriable ?? false;
    this.details = options.details;
    this.extensions = options.extensions;
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, details ? { details } : {});
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', message);
export const policyViolation = (message: string, details?: Record<string, unknown>) =>
  new AppError('POLICY_VIOLATION', message, details ? { details } : {});

/** Throttled: try again after `retryAfterSeconds` (a whole number, at least 1). */
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', message, { extensions: { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) } });
/** A user whose password was reset may only read `me`, change the password or log out. */
export const passwordChangeRequired = () =>
  new AppError('FORBIDDEN', 'Change your password first', { extensions: { reason: 'PASSWORD_CHANGE_REQUIRED' } });

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** RFC 9457 problem details, as our services return them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  details?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  retriable: boolean;
}

/** Unknown errors become a masked INTERNAL_SERVER_ERROR; the caller logs the original. */
export function toProblem(err: unknown): Problem {
  const e = isAppError(err) ? err : new AppError('INTERNAL_SERVER_ERROR', 'Internal server error');
  const problem: Problem = {
    type: `urn:yinqi:error:${e.code.toLowerCase()}`,
    title: e.code,
    status: e.status,
    code: e.code,
    detail: e.message,
    retriable: e.retriable,
  };
  if (e.details) problem.details = e.details;
  if (e.extensions) problem.extensions = e.extensions;
  return problem;
}

/** Rebuilds an AppError from a service's problem+json answer. */
export function fromProblem(body: unknown, httpStatus: number): AppError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const code = isErrorCode(b.code) ? b.code : httpStatus === 404 ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR';
  const message = code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : typeof b.detail === 'string' ? b.detail : code;
  const details = typeof b.details === 'object' && b.details !== null ? (b.details as Record<string, unknown>) : undefined;
  const extensions =
    code !== 'INTERNAL_SERVER_ERROR' && typeof b.extensions === 'object' && b.extensions !== null
      ? (b.extensions as Record<string, unknown>)
      : undefined;
  return new AppError(code, message, {
    retriable: b.retriable === true || httpStatus >= 502,
    ...(details ? { details } : {}),
    ...(extensions ? { extensions } : {}),
  });
}
