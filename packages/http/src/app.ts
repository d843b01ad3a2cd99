import { randomUUID } from 'node:crypto';
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { refuseClientToken, requireScope, type ApiScope, type Principal, type TokenVerifier } from '@yinqi/auth';
import { isPlatformId } from '@yinqi/contracts';
import { forbidden, notFound, passwordChangeRequired, toProblem, unauthenticated } from '@yinqi/errors';
import { withCorrelation, type Logger } from '@yinqi/logger';
import { Metrics } from './metrics';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    correlationId?: string;
  }
}

export interface ServiceAppOptions {
  name: string;
  logger: Logger;
  metrics?: Metrics;
  /** Named readiness checks; /healthz answers 200 only when all pass. */
  checks?: Record<string, () => Promise<boolean> | boolean>;
  tokens?: TokenVerifier;
  /** Paths open to a caller whose token says the password must be changed first (see ServiceParts). */
  passwordChangeAllowed?: string[];
}

/**
 * The express app every service starts from: request/correlation ids, JSON bodies up to 1 MB,
 * `/healthz`, `/metrics` (Prometheus text), the caller's verified token on `req.principal`, and
 * problem+json errors. Mount routes with `app.use(router)` then call `finishApp(app)`.
 */
export function createServiceApp(opts: ServiceAppOptions): Express {
  const app = express();
  const metrics = opts.metrics ?? new Metrics();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.locals.metrics = metrics;
  app.locals.logger = opts.logger;

  app.use(correlatedAndTimed(metrics, opts.logger));

  app.get('/healthz', (_req, res, next) => {
    Promise.all(
      Object.entries(opts.checks ?? {}).map(async ([k, check]) => [k, await Promise.resolve(check()).catch(() => false)] as const),
    )
      .then((results) => {
        const checks = Object.fromEntries(results);
        const ok = results.every(([, v]) => v);
        res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: opts.name, checks });
      })
      .catch(next);
  });
  app.get('/metrics', (_req, res, next) => {
    metrics
      .render()
      .then((text) => res.type(metrics.contentType).send(text))
      .catch(next);
  });

  app.use(express.json({ limit: '1mb' }));

  if (opts.tokens) app.use(verifiedPrincipal(opts.tokens, new Set(opts.passwordChangeAllowed ?? [])));
  return app;
}

/** Carries the request's correlation id (the caller's, or a new one) and counts and times every request. */
function correlatedAndTimed(metrics: Metrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = req.header('x-correlation-id') || req.header('x-request-id') || randomUUID();
    req.correlationId = id;
    res.setHeader('x-correlation-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.inc('http_requests_total', 'HTTP requests', labels);
      metrics.observe(
        'http_request_duration_seconds',
        'HTTP request latency, from the first byte in to the last byte out',
        labels,
        ms / 1000,
      );
      if (ms > 1000) logger.warn({ method: req.method, url: req.originalUrl, ms }, 'slow request');
    });
    withCorrelation(id, () => next());
  };
}

/** Puts the caller's verified token on `req.principal`; a caller who must change their password reaches only `allowed`. */
function verifiedPrincipal(tokens: TokenVerifier, allowed: Set<string>): RequestHandler {
  return (req, _res, next) => {
    const header = req.header('authorization');
    if (header) {
      const m = /^Bearer (\S+)$/.exec(header);
      if (!m) return next(unauthenticated('Malformed Authorization header'));
      try {
        const claims = tokens.verify(m[1]!);
        // The token carries the flag, so a service refuses such a caller even when it is called
        // directly, not only through the gateway.
        if (claims.mustChangePassword && !allowed.has(req.path)) return next(passwordChangeRequired());
        req.principal = claims;
      } catch (err) {
        return next(err);
      }
    }
    next();
  };
}

/** express.json's own errors (by their `type`), answered as the caller's mistake. */
const BODY_ERRORS = new Map<string | undefined, { status: number; detail: string }>([
  ['entity.too.large', { status: 413, detail: 'Request body too large' }],
  ['entity.parse.failed', { status: 400, detail: 'Malformed JSON body' }],
]);

/** Adds the 404 and error handlers; call after mounting the routes. */
export function finishApp(app: Express): Express {
  const logger = app.locals.logger as Logger;
  app.use((_req, res) => {
    // A real AppError: toProblem masks anything else as INTERNAL_SERVER_ERROR, which is what an
    // unknown route answered (with HTTP 404) until a path id could reach one (issue 21).
    res
      .status(404)
      .type('application/problem+json')
      .json(toProblem(notFound('Route')));
  });
  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const e = err as { type?: string; status?: number; name?: string };
    const bodyError = BODY_ERRORS.get(e.type);
    if (bodyError) {
      res
        .status(bodyError.status)
        .type('application/problem+json')
        .json({ ...toProblem(null), status: bodyError.status, code: 'BAD_USER_INPUT', detail: bodyError.detail });
      return;
    }
    const problem = toProblem(err);
    if (problem.code === 'INTERNAL_SERVER_ERROR') logger.error({ err, url: req.originalUrl }, 'unhandled error');
    res.status(problem.status).type('application/problem+json').json(problem);
  };
  app.use(onError);
  return app;
}

/**
 * Wraps an async route so its rejection reaches the error handler (express 4 does not). Every
 * path parameter must have the shape of an id the platform issues: the gateway checks that
 * before it calls, and a service does not rely on it — anything else names nothing (NOT_FOUND).
 */
export function route(fn: (req: Request, res: Response) => Promise<unknown>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const odd = Object.entries(req.params ?? {}).find(([, v]) => !isPlatformId(v));
    if (odd) return next(notFound(odd[0] === 'id' ? 'Resource' : odd[0].replace(/Id$/, '')));
    fn(req, res).then((body) => {
      if (!res.headersSent) res.json(body ?? null);
    }, next);
  };
}

/** The verified caller, or UNAUTHENTICATED. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

/**
 * The verified caller of an operation an API scope opens (API-CONTRACT-OPEN.md): a person passes,
 * an API client's token only with `scope` (FORBIDDEN otherwise). The gateway checks the same; a
 * service checks again because it is the one that acts.
 */
export function scopedPrincipalOf(req: Request, scope: ApiScope): Principal {
  return requireScope(principalOf(req), scope);
}

/** The verified caller, never an API client's token (FORBIDDEN): management of accounts, clients, webhooks. */
export function personPrincipalOf(req: Request): Principal {
  return refuseClientToken(principalOf(req));
}

/** The verified caller when it has one of `roles`, else FORBIDDEN (UNAUTHENTICATED without a token). */
export function requireRole(req: Request, ...roles: Principal['role'][]): Principal {
  const p = principalOf(req);
  if (!roles.includes(p.role)) throw forbidden();
  return p;
}
