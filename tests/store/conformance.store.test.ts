// The store conformance suite: what the services rely on from MongoDB, checked against whatever
// MONGO_URL points to — the local FerretDB that `npm test` starts (patched at build time, see
// infra/launcher/ferretdb.mjs), or a deployer's MongoDB (`MONGO_URL=… npm run check:store`,
// docs/DEPLOYMENT.md). Several real processes write at once: an in-process lock cannot hide a race.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { mongoose } from '@yinqi/db';
import { freshDatabaseName, infraUrls } from '@yinqi/testing';

const run = promisify(execFile);
const { mongoUrl } = infraUrls();
const dbName = freshDatabaseName('store');
const WORKERS = 4;
/** Per worker (docs/PERFORMANCE.md runs 2,500: 10,000 increments in all). */
const INCREMENTS = Number(process.env.STORE_CONFORMANCE_INCREMENTS ?? 1_000);

let client: mongoose.mongo.MongoClient;
let db: mongoose.mongo.Db;
beforeAll(async () => {
  client = new mongoose.mongo.MongoClient(mongoUrl, { retryWrites: false });
  await client.connect();
  db = client.db(dbName);
});
afterAll(() => client.close());

/** Starts `WORKERS` processes running one job each and returns their results. */
async function workers<T>(kind: string, job: Record<string, unknown>): Promise<T[]> {
  const script = path.join(__dirname, 'store-worker.js');
  return Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      const { stdout } = await run(process.execPath, [script, JSON.stringify({ kind, url: mongoUrl, db: dbName, worker, ...job })], {
        maxBuffer: 16 << 20,
      });
      return JSON.parse(stdout) as T;
    }),
  );
}

describe('single-document atomicity under concurrency from several processes', () => {
  it(`keeps every one of ${WORKERS} × ${INCREMENTS} concurrent $inc on one document`, async () => {
    const coll = db.collection<{ _id: string; n: number }>('counters');
    await coll.insertOne({ _id: 'c', n: 0 });
    const results = await workers<{ acknowledged: number }>('inc', { collection: 'counters', id: 'c', count: INCREMENTS, concurrency: 20 });
    expect(results.reduce((s, r) => s + r.acknowledged, 0)).toBe(WORKERS * INCREMENTS);
    expect((await coll.findOne({ _id: 'c' }))?.n).toBe(WORKERS * INCREMENTS);
  }, 300_000);

  it('lets exactly one of several version-conditional updates of the same version win', async () => {
    const coll = db.collection<{ _id: string; version: number; log: string[] }>('aggregates');
    await coll.insertOne({ _id: 'a', version: 0, log: [] });
    const perWorker = 100;
    const results = await workers<{ written: number; conflicts: number }>('versioned', {
      collection: 'aggregates',
      id: 'a',
      count: perWorker,
      concurrency: 10,
    });
    const doc = await coll.findOne({ _id: 'a' });
    expect(results.reduce((s, r) => s + r.written, 0)).toBe(WORKERS * perWorker);
    // Every write landed once, in version order: nothing lost, nothing applied twice.
    expect(doc?.version).toBe(WORKERS * perWorker);
    expect(doc?.log).toHaveLength(WORKERS * perWorker);
    expect(new Set(doc?.log).size).toBe(WORKERS * perWorker);
    // The race was real: some writers found the version changed under them and retried.
    expect(results.reduce((s, r) => s + r.conflicts, 0)).toBeGreaterThan(0);
  }, 300_000);

  it('hands each document to exactly one findOneAndUpdate', async () => {
    const coll = db.collection<{ _id: string; status: string; by?: number }>('tasks');
    await coll.createIndex({ status: 1 });
    const tasks = 400;
    await coll.insertMany(Array.from({ length: tasks }, (_, i) => ({ _id: `t${i}`, status: 'FREE' })));
    const results = await workers<{ claimed: string[] }>('claim', { collection: 'tasks', concurrency: 8 });
    const claimed = results.flatMap((r) => r.claimed);
    expect(claimed).toHaveLength(tasks);
    expect(new Set(claimed).size).toBe(tasks);
    expect(await coll.countDocuments({ status: 'FREE' })).toBe(0);
    // Each claim is recorded by the worker that was told it won.
    for (const [worker, r] of results.entries()) {
      if (r.claimed.length) expect(await coll.countDocuments({ _id: { $in: r.claimed }, by: worker })).toBe(r.claimed.length);
    }
  }, 120_000);

  it('admits exactly one document per key of a unique index when processes race to insert it', async () => {
    const coll = db.collection('accounts');
    await coll.createIndex({ email: 1 }, { unique: true });
    const keys = 200;
    const results = await workers<{ inserted: number; duplicates: number }>('unique', { collection: 'accounts', keys, concurrency: 10 });
    expect(results.reduce((s, r) => s + r.inserted, 0)).toBe(keys);
    expect(results.reduce((s, r) => s + r.duplicates, 0)).toBe((WORKERS - 1) * keys);
    expect(await coll.countDocuments({})).toBe(keys);
  }, 120_000);
});
