// FerretDB 1.24 on SQLite, from our own small Go program that embeds the ferretdb package.
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Supervised } from './supervisor.mjs';
import { CACHE_DIR, DATA_DIR, LOG_DIR, LaunchError, ROOT, portOpen, requireTool, runLogged, startProcess, step, waitUntil } from './util.mjs';

const SRC = path.join(ROOT, 'infra/ferretdb');
const BIN = path.join(CACHE_DIR, 'bin/yinqi-ferretdb');

/**
 * Our one change to FerretDB 1.24.2, applied at build time to a vendored copy of its module in
 * infra/.cache (no copy of FerretDB's code is kept in the repository). Its SQLite backend looks documents up by `_id` with the SQL
 * expression `_ferretdb_sjson->'$._id'`, but creates the unique `_id` index on
 * `_ferretdb_sjson->"_id"`: same value, different expression, so SQLite never uses the index and
 * every find, update and delete by `_id` scanned the whole collection (EXPLAIN QUERY PLAN:
 * `SCAN`; an update by `_id` cost 45 ms at 4,000 documents and grew linearly). With the index's own
 * expression the same statements `SEARCH … USING INDEX` (tests/deploy/ferretdb-id-index.int.test.ts).
 * Existing data files need nothing: the index was always there.
 */
const ID_PATCH = {
  id: 'sqlite-id-column-uses-id-index-v1',
  file: 'internal/backends/sqlite/metadata/metadata.go',
  from: `IDColumn = DefaultColumn + "->'$._id'"`,
  to: 'IDColumn = DefaultColumn + `->"_id"`',
};
const STAMP = `${BIN}.patch`;

/** Builds the FerretDB program when it is missing, older than its sources, or built without the patch. */
export function ensureFerretBinary() {
  const newest = Math.max(...['main.go', 'go.mod', 'go.sum'].map((f) => statSync(path.join(SRC, f)).mtimeMs));
  const stamped = existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === ID_PATCH.id;
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newest && stamped) {
    step('ferretdb: binary cached');
    return;
  }
  requireTool('go', 'to build the local FerretDB (MongoDB-compatible) server');
  step('ferretdb: building with go (first run downloads modules, about a minute; output in .data/logs/setup-ferretdb-build.log)…');
  // A copy of the program with its dependencies vendored, the one file patched in vendor/
  // (go build -overlay may not replace files in the module cache).
  const work = path.join(CACHE_DIR, 'ferretdb-build');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const f of ['main.go', 'go.mod', 'go.sum']) copyFileSync(path.join(SRC, f), path.join(work, f));
  const env = { ...process.env, GOFLAGS: '' };
  runLogged('setup-ferretdb-build', 'go', ['mod', 'vendor'], { cwd: work, env });
  step('ferretdb: modules vendored, compiling…');
  const target = path.join(work, 'vendor/github.com/FerretDB/FerretDB', ID_PATCH.file);
  const source = readFileSync(target, 'utf8');
  if (!source.includes(ID_PATCH.from)) throw new LaunchError(`${target} no longer contains ${ID_PATCH.from}: review the _id index patch in infra/launcher/ferretdb.mjs for this FerretDB version`);
  writeFileSync(target, source.replace(ID_PATCH.from, ID_PATCH.to));
  runLogged('setup-ferretdb-build', 'go', ['build', '-mod=vendor', '-o', BIN, '.'], { cwd: work, env });
  rmSync(work, { recursive: true, force: true });
  writeFileSync(STAMP, `${ID_PATCH.id}\n`);
  step('ferretdb: built (with the _id index patch)');
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

/** Starts FerretDB unless a server already answers on the port; supervised like the services unless `supervise: false`. `dataDir` defaults to .data/ferretdb. */
export async function startFerret({ port, dataDir = path.join(DATA_DIR, 'ferretdb'), logName = 'ferretdb', supervise = true }) {
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
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const t0 = Date.now();
  const logPath = path.join(LOG_DIR, `${logName}.log`);
  const shown = (p) => (p.startsWith(`${ROOT}/`) ? path.relative(ROOT, p) : p);
  const server = new Supervised('ferretdb', () => startProcess('ferretdb', BIN, ['-listen', `127.0.0.1:${port}`, '-data', dataDir], { logFile: openSync(logPath, 'a') }), { logHint: shown(logPath) });
  const child = server.start();
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitUntil(
    'FerretDB',
    async () => {
      if (exited) throw new LaunchError(`FerretDB exited during start-up; see ${logPath}`);
      return (await portOpen(port)) && mongoReady(url);
    },
    60_000,
    200,
  ).catch((err) => {
    server.stop(0);
    throw err;
  });
  step(`ferretdb: ready on 127.0.0.1:${port} in ${((Date.now() - t0) / 1000).toFixed(1)}s (data: ${shown(dataDir)})`);
  // Unsupervised, the caller gets the bare ChildProcess and restarts it itself (the chaos run kills it on purpose).
  return { child: supervise ? server.watch() : server.child, url };
}
