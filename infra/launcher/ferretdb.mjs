// FerretDB 1.24 on SQLite, from our own small Go program that embeds the ferretdb package, patched at build time.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Supervised } from './supervisor.mjs';
import {
  CACHE_DIR,
  DATA_DIR,
  LOG_DIR,
  LaunchError,
  ROOT,
  alreadyServing,
  portOpen,
  requireTool,
  runLogged,
  startProcess,
  step,
} from './util.mjs';

const SRC = path.join(ROOT, 'infra/ferretdb');
const BIN = path.join(CACHE_DIR, 'bin/yinqi-ferretdb');

/**
 * Our changes to FerretDB 1.24.2, applied at build time to a vendored copy of its module in
 * infra/.cache (no copy of FerretDB's code is kept in the repository): our own Go files from
 * infra/ferretdb/_patches/<package>/ copied into FerretDB's packages, and a few one-line edits that
 * call them. Each edit names the exact text it replaces; the build stops if that text is gone.
 *
 * 1. `_id` lookups use the `_id` index. The SQLite backend looked documents up with
 *    `_ferretdb_sjson->'$._id'` but built the unique index on `_ferretdb_sjson->"_id"`: same value,
 *    different expression, so SQLite scanned on every find, update and delete by `_id`.
 * 2. Single-document atomicity (_patches/handler/yinqi_write_lock.go): update, findAndModify and
 *    delete hold a per-collection lock from their read to their write, so concurrent updates of one
 *    document no longer lose each other's changes (200 concurrent $inc left n = 92 before).
 * 3. Indexed queries (_patches/sqlite/yinqi_pushdown.go, _patches/metadata/yinqi_index.go): equality,
 *    $in, ranges, $and and $or on top-level fields become SQL conditions on the expressions the
 *    indexes are built on (->> values), instead of reading and decoding the whole collection.
 * 4. Indexed sorts (_patches/handler/yinqi_sorted.go): a find's sort on top-level fields becomes ORDER
 *    BY, so sort + limit reads the first documents of an index instead of sorting the collection.
 * 5. Counts in SQL (_patches/handler/yinqi_count.go): countDocuments' pipeline is answered with
 *    COUNT(*) when the filter translates exactly, instead of decoding every matching document; a
 *    find's limit goes into SQL likewise, so SQLite stops sorting and reading at the limit.
 *
 * tests/store/*.store.test.ts check them through the MongoDB driver.
 */
const PATCH_ID = 'yinqi-store-v2';
const PATCH_FILES = {
  handler: 'internal/handler',
  sqlite: 'internal/backends/sqlite',
  metadata: 'internal/backends/sqlite/metadata',
};
const EDITS = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: 'IDColumn = DefaultColumn + `->"_id"`',
  },
  {
    file: 'internal/backends/sqlite/metadata/registry.go',
    from: 'columns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))',
    to: 'columns[i] = yinqiIndexColumn(key.Field)',
  },
  {
    file: 'internal/backends/sqlite/metadata/registry.go',
    from: '\t\t\tc.TableName,\n\t\t\tstrings.Join(columns, ", "),',
    to: '\t\t\tc.TableName,\n\t\t\tstrings.Join(yinqiIndexColumns(index, columns), ", "),',
  },
  {
    file: 'internal/backends/collection.go',
    from: 'type QueryParams struct {\n\tFilter *types.Document',
    to: "type QueryParams struct {\n\tYinqiSort *types.Document // Yinqi: a sort on fields that the backend may apply\n\tYinqiCount bool // Yinqi: count with SQL when the filter translates exactly\n\tYinqiLimit int64 // Yinqi: the find's limit (plus skip), applied in SQL when the filter translates exactly\n\tFilter *types.Document",
  },
  {
    file: 'internal/backends/collection.go',
    from: 'type QueryResult struct {\n\tIter types.DocumentsIterator',
    to: 'type QueryResult struct {\n\tYinqiSorted bool // Yinqi: the backend applied QueryParams.YinqiSort\n\tYinqiCounted bool // Yinqi: YinqiCount holds the count asked for with QueryParams.YinqiCount\n\tYinqiCount int64\n\tIter types.DocumentsIterator',
  },
  {
    file: 'internal/backends/collection.go',
    from: 'type ExplainParams struct {\n\tFilter *types.Document',
    to: 'type ExplainParams struct {\n\tYinqiSort *types.Document\n\tFilter *types.Document',
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: `	if params.Filter.Len() == 1 {
		v, _ := params.Filter.Get("_id")
		switch v.(type) {
		case string, types.ObjectID:
			whereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)
			args = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
		}
	}

	q += whereClause
	q += prepareOrderByClause(params.Sort)`,
    to: `	whereClause, args, exact := yinqiWhere(params.Filter, yinqiArraysProbe(ctx, db, meta))
	if params.YinqiCount {
		return yinqiCountQuery(ctx, db, meta, whereClause, args, exact)
	}

	q += whereClause
	orderBy, sorted := yinqiQueryOrder(params, meta.Capped())
	q += orderBy
	q += yinqiLimit(params, exact, sorted, &args)`,
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: 'Iter: newQueryIterator(ctx, rows, params.OnlyRecordIDs),',
    to: 'Iter: newQueryIterator(ctx, rows, params.OnlyRecordIDs),\n\t\tYinqiSorted: sorted,',
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: `	if params.Filter.Len() == 1 {
		v, _ := params.Filter.Get("_id")
		switch v.(type) {
		case string, types.ObjectID:
			filterPushdown = true
			whereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)
			args = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
		}
	}

	orderByClause := prepareOrderByClause(params.Sort)`,
    to: `	whereClause, args, _ = yinqiWhere(params.Filter, yinqiArraysProbe(ctx, db, meta))
	filterPushdown = whereClause != ""

	orderByClause := prepareOrderByClause(params.Sort)
	if orderByClause == "" {
		orderByClause = yinqiOrderBy(params.YinqiSort)
	}`,
  },
  {
    file: 'internal/handler/msg_find.go',
    from: '\t\tqp.Sort = params.Sort\n\t}\n\n\t// Limit pushdown is not applied if:',
    to: '\t\tqp.Sort = params.Sort\n\t}\n\n\tif qp.Sort == nil && !h.DisablePushdown {\n\t\tqp.YinqiSort = yinqiSortToPush(params.Sort)\n\t\tif params.Limit > 0 && qp.Filter.Len() == params.Filter.Len() {\n\t\t\tqp.YinqiLimit = params.Limit + params.Skip\n\t\t}\n\t}\n\n\t// Limit pushdown is not applied if:',
  },
  {
    file: 'internal/handler/msg_explain.go',
    from: '\t\tqp.Sort = params.Sort\n\t}\n\n\t// Limit pushdown is not applied if:',
    to: '\t\tqp.Sort = params.Sort\n\t}\n\n\tif qp.Sort == nil && !h.DisablePushdown {\n\t\tqp.YinqiSort = yinqiSortToPush(params.Sort)\n\t}\n\n\t// Limit pushdown is not applied if:',
  },
  {
    file: 'internal/handler/msg_find.go',
    from: 'iter, err := h.makeFindIter(queryRes.Iter, closer, params)',
    to: 'pushedIter, rest := yinqiFindSorted(queryRes, params)\n\titer, err := h.makeFindIter(pushedIter, closer, rest)',
  },
  {
    file: 'internal/handler/msg_aggregate.go',
    from: 'iter, err = processStagesDocuments(ctx, closer, &stagesDocumentsParams{c, qp, stagesDocuments})',
    to: 'if counted, ok := yinqiCountPipeline(ctx, c, qp, aggregationStages); ok {\n\t\t\titer = counted\n\t\t} else {\n\t\t\titer, err = processStagesDocuments(ctx, closer, &stagesDocumentsParams{c, qp, stagesDocuments})\n\t\t}',
  },
  {
    file: 'internal/handler/msg_update.go',
    from: 'func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) (int32, int32, *types.Array, error) {',
    to: 'func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) (int32, int32, *types.Array, error) {\n\tdefer yinqiLockCollection(params.DB, params.Collection)()',
  },
  {
    file: 'internal/handler/msg_findandmodify.go',
    from: 'func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) (*findAndModifyResult, error) {',
    to: 'func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) (*findAndModifyResult, error) {\n\tdefer yinqiLockCollection(params.DB, params.Collection)()',
  },
  {
    file: 'internal/handler/msg_insert.go',
    from: '\tvar inserted int32\n\tvar writeErrors []*mongo.WriteError',
    to: '\tdefer yinqiLockCollection(params.DB, params.Collection)()\n\n\tvar inserted int32\n\tvar writeErrors []*mongo.WriteError',
  },
  {
    file: 'internal/handler/msg_delete.go',
    from: '\tvar deleted int32\n\twriteErrors := types.MakeArray(0)',
    to: '\tdefer yinqiLockCollection(params.DB, params.Collection)()\n\n\tvar deleted int32\n\twriteErrors := types.MakeArray(0)',
  },
];
const BASELINE_BIN = path.join(CACHE_DIR, 'bin/yinqi-ferretdb-baseline');
/**
 * Where the data lives. Indexes made before patch 3 are built on other expressions, which the
 * patched queries do not use (they would scan): a store of the new format starts in a folder of its
 * own, and `npm start` seeds it. The old folder (.data/ferretdb) can be deleted.
 */
const DATA_FOLDER = 'ferretdb-v2';

/** Our patch files, by FerretDB package. */
function patchFiles() {
  return Object.entries(PATCH_FILES).flatMap(([dir, pkg]) =>
    readdirSync(path.join(SRC, '_patches', dir))
      .filter((f) => f.endsWith('.go'))
      .map((f) => ({ source: path.join(SRC, '_patches', dir, f), target: path.join(pkg, f) })),
  );
}

/**
 * Builds the FerretDB program when it is missing, older than its sources, or built without the
 * patches. `baseline: true` builds, beside it, the store as it was before patches 2–5 (only the
 * `_id` fix): `npm run bench:store` measures both in the same run.
 */
export function ensureFerretBinary({ baseline = false } = {}) {
  const bin = baseline ? BASELINE_BIN : BIN;
  const stampFile = `${bin}.patch`;
  const patchId = baseline ? `${PATCH_ID}-baseline` : PATCH_ID;
  const files = baseline ? [] : patchFiles();
  const edits = baseline ? EDITS.slice(0, 1) : EDITS;
  const sources = [
    ...['main.go', 'go.mod', 'go.sum'].map((f) => path.join(SRC, f)),
    ...files.map((p) => p.source),
    fileURLToPath(import.meta.url),
  ];
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  const stamped = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === patchId;
  if (existsSync(bin) && statSync(bin).mtimeMs >= newest && stamped) {
    step(`ferretdb${baseline ? ' (baseline)' : ''}: binary cached`);
    return bin;
  }
  requireTool('go', 'to build the local FerretDB (MongoDB-compatible) server');
  step('ferretdb: building with go (first run downloads modules, about a minute; output in .data/logs/setup-ferretdb-build.log)…');
  // A copy of the program with its dependencies vendored, the files patched in vendor/
  // (go build -overlay may not replace files in the module cache).
  const work = path.join(CACHE_DIR, 'ferretdb-build');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const f of ['main.go', 'go.mod', 'go.sum']) copyFileSync(path.join(SRC, f), path.join(work, f));
  const env = { ...process.env, GOFLAGS: '' };
  runLogged('setup-ferretdb-build', 'go', ['mod', 'vendor'], { cwd: work, env });
  step('ferretdb: modules vendored, patching and compiling…');
  const module = path.join(work, 'vendor/github.com/FerretDB/FerretDB');
  for (const { source, target } of files) copyFileSync(source, path.join(module, target));
  for (const edit of edits) {
    const target = path.join(module, edit.file);
    const text = readFileSync(target, 'utf8');
    if (text.split(edit.from).length !== 2)
      throw new LaunchError(
        `${edit.file} no longer contains exactly one "${edit.from.split('\n')[0].trim()}…": review the FerretDB patches in infra/launcher/ferretdb.mjs for this FerretDB version`,
      );
    writeFileSync(
      target,
      text.replace(edit.from, () => edit.to),
    );
  }
  // Built next to the binary and renamed over it: a running server keeps its old file.
  runLogged('setup-ferretdb-build', 'go', ['build', '-mod=vendor', '-o', `${bin}.new`, '.'], { cwd: work, env });
  renameSync(`${bin}.new`, bin);
  rmSync(work, { recursive: true, force: true });
  writeFileSync(stampFile, `${patchId}\n`);
  step(baseline ? 'ferretdb (baseline): built with the _id fix only' : 'ferretdb: built (with the Yinqi store patches)');
  return bin;
}

// `node infra/launcher/ferretdb.mjs --baseline`: builds (or finds) the baseline binary and prints its path.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureFerretBinary({ baseline: process.argv.includes('--baseline') })}\n`);
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

/** Starts FerretDB unless a server already answers on the port; supervised like the services unless `supervise: false`. `dataDir` defaults to .data/ferretdb-v2. */
export async function startFerret({ port, dataDir = path.join(DATA_DIR, DATA_FOLDER), logName = 'ferretdb', supervise = true }) {
  const url = `mongodb://127.0.0.1:${port}/`;
  const refusal = `port ${port} is in use by something that does not speak MongoDB: free it or set FERRETDB_PORT.`;
  if (await alreadyServing(port, (ms) => mongoReady(url, ms), refusal)) {
    step(`ferretdb: reusing the server already on 127.0.0.1:${port}`);
    return { child: null, url };
  }
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const t0 = Date.now();
  const logPath = path.join(LOG_DIR, `${logName}.log`);
  const shown = (p) => (p.startsWith(`${ROOT}/`) ? path.relative(ROOT, p) : p);
  const server = new Supervised(
    'ferretdb',
    () => startProcess('ferretdb', BIN, ['-listen', `127.0.0.1:${port}`, '-data', dataDir], { logFile: openSync(logPath, 'a') }),
    { logHint: shown(logPath) },
  );
  server.start();
  await server
    .waitReady('FerretDB', {
      ready: async () => (await portOpen(port)) && mongoReady(url),
      exitMessage: `FerretDB exited during start-up; see ${logPath}`,
      timeoutMs: 60_000,
      intervalMs: 200,
    })
    .catch((err) => {
      server.stop(0);
      throw err;
    });
  step(`ferretdb: ready on 127.0.0.1:${port} in ${((Date.now() - t0) / 1000).toFixed(1)}s (data: ${shown(dataDir)})`);
  // Unsupervised, the caller gets the bare ChildProcess and restarts it itself (the chaos run kills it on purpose).
  return { child: supervise ? server.watch() : server.child, url };
}
