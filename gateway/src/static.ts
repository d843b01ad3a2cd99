// The web console (Web 控制台): the gateway serves the built single-page app (web/dist) at `/`, so the
// console and the API share one origin. Everything that is not /graphql, /healthz or /export/* is a
// candidate static file; an unknown path without a file extension gets index.html (SPA fallback: the
// client-side router takes over).
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Paths the static handler never answers: the API, the health check and the CSV exports. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/graphql' || pathname.startsWith('/graphql/') || pathname === '/healthz' || pathname.startsWith('/export/');
}

interface CachedFile {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  mtimeMs: number;
}

/** Where the built console is: WEB_DIST_DIR, else web/dist beside the gateway in the repository. */
export function defaultWebDist(): string {
  return process.env.WEB_DIST_DIR ? path.resolve(process.env.WEB_DIST_DIR) : path.resolve(__dirname, '../../web/dist');
}

/**
 * Returns a handler that answers GET/HEAD requests for the console's files and returns false for
 * anything it does not serve (the caller goes on to the API).
 */
export function createStaticHandler(root: string = defaultWebDist()) {
  const load = fileLoader();

  return function serveStatic(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return false;
    }
    if (isApiPath(pathname)) return false;
    const resolved = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    if (resolved !== root && !resolved.startsWith(root + path.sep)) return false;
    let file = pathname.endsWith('/') ? path.join(resolved, 'index.html') : resolved;
    let entry = load(file);
    const spaRoute = !entry && path.extname(pathname) === '';
    if (spaRoute) {
      file = path.join(root, 'index.html');
      entry = load(file);
    }
    if (!entry) {
      if (!existsSync(root) && (spaRoute || pathname === '/')) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The web console is not built (web/dist is missing): run `npm start`, which builds it.\n');
        return true;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return true;
    }
    sendFile(req, res, entry, pathname);
    return true;
  };
}

/** Reads a file once and keeps it (gzipped when worth it) until its mtime changes; null when it is not a file. */
function fileLoader(): (file: string) => CachedFile | null {
  const cache = new Map<string, CachedFile>();

  return (file: string): CachedFile | null => {
    let st;
    try {
      st = statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit;
    const body = readFileSync(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
    const entry = { body, gzip: compressible ? gzipSync(body, { level: 6 }) : null, type, mtimeMs: st.mtimeMs };
    cache.set(file, entry);
    return entry;
  };
}

/** 200 with the file; `/assets/` (hashed names) cached for good, the rest revalidated; gzip when asked for. */
function sendFile(req: IncomingMessage, res: ServerResponse, entry: CachedFile, pathname: string): void {
  const immutable = pathname.startsWith('/assets/');
  const headers: Record<string, string | number> = {
    'content-type': entry.type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  };
  const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? entry.gzip! : entry.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
