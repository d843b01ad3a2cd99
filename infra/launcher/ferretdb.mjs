// FerretDB 1.24 on SQLite, from our own small Go program that embeds the ferretdb package.
import { existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, DATA_DIR, LOG_DIR, LaunchError, ROOT, portOpen, requireTool, run, startProcess, step, waitUntil } from './util.mjs';

const SRC = path.join(ROOT, 'infra/ferretdb');
const BIN = path.join(CACHE_DIR, 'bin/yinqi-ferretdb');

/** Builds the FerretDB program when it is missing or older than its sources. */
export function ensureFerretBinary() {
  const newest = Math.max(...['main.go', 'go.mod', 'go.sum'].map((f) => statSync(path.join(SRC, f)).mtimeMs));
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newest) {
    step('ferretdb: binary cached');
    return;
  }
  requireTool('go', 'to build the local FerretDB (MongoDB-compatible) server');
  step('ferretdb: building with go (first run downloads modules, about a minute)…');
  run('go', ['build', '-o', BIN, '.'], { cwd: SRC, env: { ...process.env, GOFLAGS: '-mod=mod' } });
  step('ferretdb: built');
}

/** Whether a MongoDB-compatible server answers `hello` at this URL. */
export async function mongoReady(url, timeoutMs = 1000) {
  const { MongoClient } = await import(path.join(ROOT, 'node_modules/mongodb/lib/index.js'));
  const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    const res = await client.db('admin').command({ hello: 1 });
    return Boolean(res.ok);
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

export async function startFerret({ port }) {
  const url = `mongodb://127.0.0.1:${port}/`;
  if (await portOpen(port)) {
    // A busy machine can make a healthy server miss one short probe: give it a few tries.
    let ready = false;
    for (let attempt = 0; attempt < 5 && !ready; attempt++) ready = await mongoReady(url, 2000 * (attempt + 1));
    if (ready) {
      step(`ferretdb: reusing the server already on 127.0.0.1:${port}`);
      return { child: null, url };
    }
    throw new LaunchError(`port ${port} is in use by something that does not speak MongoDB: free it or set FERRETDB_PORT.`);
  }
  const dataDir = path.join(DATA_DIR, 'ferretdb');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const t0 = Date.now();
  const logFile = openSync(path.join(LOG_DIR, 'ferretdb.log'), 'a');
  const child = startProcess('ferretdb', BIN, ['-listen', `127.0.0.1:${port}`, '-data', dataDir], { logFile });
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitUntil(
    'FerretDB',
    async () => {
      if (exited) throw new LaunchError(`FerretDB exited during start-up; see ${path.join(LOG_DIR, 'ferretdb.log')}`);
      return (await portOpen(port)) && mongoReady(url);
    },
    60_000,
    200,
  );
  step(`ferretdb: ready on 127.0.0.1:${port} in ${((Date.now() - t0) / 1000).toFixed(1)}s (data: .data/ferretdb)`);
  return { child, url };
}
