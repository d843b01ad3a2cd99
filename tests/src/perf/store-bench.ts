// The local store before and after its patches, in one run on one machine (`npm run bench:store`).
// Builds (or reuses) two FerretDB binaries — the baseline, with only the `_id` index fix the store
// had before, and today's (infra/launcher/ferretdb.mjs) — starts each on its own port and data
// folder, and runs the same probe against both: 20,000 documents of ~1 KB, one client with a pool
// of 20, as in the store issue's table. Writes its section of docs/PERFORMANCE.md.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { mongoose } from '@yinqi/db';
import { medianMs, waitFor } from '@yinqi/testing';
import { fmt, loadAverage, machine, markdownTable, REPO_ROOT, writeSection } from './performance-report';

const DOCS = Number(process.env.BENCH_STORE_DOCS ?? 20_000);
const PORT_BASE = Number(process.env.BENCH_STORE_PORT_BASE ?? 27400);
const INCREMENTS = Number(process.env.BENCH_STORE_INCREMENTS ?? 2_500);

interface Variant {
  name: string;
  bin: string;
  port: number;
}

function binary(baseline: boolean): string {
  const out = execFileSync(process.execPath, [path.join(REPO_ROOT, 'infra/launcher/ferretdb.mjs'), ...(baseline ? ['--baseline'] : [])], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1)!;
}

async function start(v: Variant): Promise<ChildProcess> {
  const data = path.join(REPO_ROOT, '.data/bench-store', v.name);
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  const child = spawn(v.bin, ['-listen', `127.0.0.1:${v.port}`, '-data', data], { stdio: 'ignore' });
  await waitFor(
    async () => {
      const c = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${v.port}/`, { serverSelectionTimeoutMS: 500 });
      try {
        await c.connect();
        return Boolean((await c.db('admin').command({ hello: 1 })).ok);
      } finally {
        await c.close();
      }
    },
    { timeoutMs: 30_000, message: `FerretDB (${v.name}) on port ${v.port}` },
  );
  return child;
}

/** 4 processes × INCREMENTS `$inc` on one document (tests/store/store-worker.js), the final count. */
async function processIncrements(url: string, db: string): Promise<number> {
  const c = new mongoose.mongo.MongoClient(url);
  await c.connect();
  const coll = c.db(db).collection<{ _id: string; n: number }>('counters');
  await coll.insertOne({ _id: 'c', n: 0 });
  const worker = path.join(REPO_ROOT, 'tests/store/store-worker.js');
  await Promise.all(
    Array.from(
      { length: 4 },
      (_, w) =>
        new Promise<void>((resolve, reject) => {
          const job = JSON.stringify({
            kind: 'inc',
            url,
            db,
            worker: w,
            collection: 'counters',
            id: 'c',
            count: INCREMENTS,
            concurrency: 20,
          });
          const p = spawn(process.execPath, [worker, job], { stdio: ['ignore', 'ignore', 'inherit'] });
          p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  );
  const n = (await coll.findOne({ _id: 'c' }))?.n ?? 0;
  await c.close();
  return n;
}

async function probe(v: Variant): Promise<Record<string, number>> {
  const url = `mongodb://127.0.0.1:${v.port}/`;
  const client = new mongoose.mongo.MongoClient(url, { maxPoolSize: 20, retryWrites: false });
  await client.connect();
  const dbName = `bench_${v.name}`;
  const db = client.db(dbName);
  const docs = db.collection<{
    _id: string;
    enterpriseId: string;
    status: string;
    createdAt: Date;
    version: number;
    n: number;
    pad: string;
  }>('docs');
  await docs.createIndex({ enterpriseId: 1 });
  await docs.createIndex({ status: 1, createdAt: -1 });
  const pad = '填'.repeat(300); // ~900 bytes of UTF-8: documents of ~1 KB
  for (let i = 0; i < DOCS; i += 1_000) {
    await docs.insertMany(
      Array.from({ length: Math.min(1_000, DOCS - i) }, (_, k) => {
        const j = i + k;
        return {
          _id: `d${String(j).padStart(7, '0')}`,
          enterpriseId: `e${j % 2_000}`,
          status: ['OPEN', 'MATCHED', 'CLOSED'][j % 3]!,
          createdAt: new Date(1.7e12 + j * 1_000),
          version: 1,
          n: 0,
          pad,
        };
      }),
    );
  }
  const slow = v.name === 'baseline';
  const reps = slow ? 3 : 9;
  const r: Record<string, number> = {};
  await docs.insertOne({ _id: 'counter', enterpriseId: 'x', status: 'X', createdAt: new Date(), version: 1, n: 0, pad: '' });
  await Promise.all(Array.from({ length: 200 }, () => docs.updateOne({ _id: 'counter' }, { $inc: { n: 1 } })));
  r.inc200 = (await docs.findOne({ _id: 'counter' }))?.n ?? 0;
  r.byEnterprise = await medianMs(() => docs.find({ enterpriseId: 'e77' }).toArray(), reps);
  r.sortLimit = await medianMs(() => docs.find({ status: 'OPEN' }).sort({ createdAt: -1 }).limit(20).toArray(), reps);
  r.count = await medianMs(() => docs.countDocuments({ status: 'OPEN' }), reps);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      docs.updateOne({ _id: `d${String(i * 97).padStart(7, '0')}`, version: 1 }, { $set: { version: 2 } }),
    ),
  );
  r.versioned20 = (performance.now() - t0) / 20;
  r.findById = await medianMs(() => docs.findOne({ _id: `d${String(DOCS - 1).padStart(7, '0')}` }), 21);
  let k = 0;
  r.updateById = await medianMs(() => docs.updateOne({ _id: `d${String(DOCS - 2).padStart(7, '0')}` }, { $set: { n: k++ } }), 21);
  await client.close();
  r.increments = await processIncrements(url, `${dbName}_inc`);
  return r;
}

async function main() {
  const variants: Variant[] = [
    { name: 'baseline', bin: binary(true), port: PORT_BASE },
    { name: 'patched', bin: binary(false), port: PORT_BASE + 1 },
  ];
  const results: Record<string, Record<string, number>> = {};
  const loadBefore = loadAverage();
  for (const v of variants) {
    const child = await start(v);
    try {
      process.stdout.write(`store bench: ${v.name}…\n`);
      results[v.name] = await probe(v);
    } finally {
      child.kill('SIGTERM');
    }
  }
  const b = results.baseline!;
  const p = results.patched!;
  const ms = (x: number) => `${fmt(x, x < 10 ? 2 : 0)} ms`;
  const ratio = (before: number, after: number) => `${fmt(before / after, 1)}×`;
  const rows: (string | number)[][] = [
    ['200 concurrent `updateOne({_id}, {$inc: {n: 1}})` on one document', `n = ${b.inc200}`, `n = ${p.inc200}`, ''],
    [`4 processes × ${fmt(INCREMENTS)} \`$inc\` on one document`, `n = ${fmt(b.increments!)}`, `n = ${fmt(p.increments!)}`, ''],
    ['`find({enterpriseId})` with an index (10 hits)', ms(b.byEnterprise!), ms(p.byEnterprise!), ratio(b.byEnterprise!, p.byEnterprise!)],
    ['`find({status}).sort({createdAt: -1}).limit(20)`', ms(b.sortLimit!), ms(p.sortLimit!), ratio(b.sortLimit!, p.sortLimit!)],
    ['`countDocuments({status})`', ms(b.count!), ms(p.count!), ratio(b.count!, p.count!)],
    [
      '`updateOne({_id, version}, …)` at 20 concurrent (mean)',
      ms(b.versioned20!),
      ms(p.versioned20!),
      ratio(b.versioned20!, p.versioned20!),
    ],
    ['`findOne({_id})`', ms(b.findById!), ms(p.findById!), ratio(b.findById!, p.findById!)],
    ['`updateOne({_id})`', ms(b.updateById!), ms(p.updateById!), ratio(b.updateById!, p.updateById!)],
  ];
  const table = markdownTable(['probe', 'baseline (`_id` fix only)', 'patched store', 'speed-up'], rows);
  const md = [
    `${fmt(DOCS)} documents of ~1 KB, one client with a pool of 20 (the store issue's probe); medians. Both servers built from the`,
    'same FerretDB 1.24.2 module and run one after the other in this run: the baseline with only the `_id` index fix (the store',
    'before these patches), the patched one as `npm start` runs it (infra/launcher/ferretdb.mjs).',
    '',
    table,
    '',
    `Machine: ${machine()}; load average before/after: ${loadBefore} → ${loadAverage()}. Command: \`npm run bench:store\` (BENCH_STORE_DOCS, BENCH_STORE_INCREMENTS).`,
  ].join('\n');
  process.stdout.write(`${md}\n`);
  writeSection('store', `## Local store: before and after its patches\n\n${md}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
