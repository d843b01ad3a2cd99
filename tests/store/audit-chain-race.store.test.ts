// The probe services/audit relies on (its appends from several replicas): with a unique index on
// seq, appenders that each read the tip and insert the next seqs with an ordered insertMany build
// one gapless chain — a duplicate seq is refused, and an ordered insert stops there, so no entry
// ever links to a predecessor that lost its seq. Several real processes race, as replicas would.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { mongoose } from '@yinqi/db';
import { freshDatabaseName, infraUrls } from '@yinqi/testing';

const run = promisify(execFile);
const { mongoUrl } = infraUrls();
const dbName = freshDatabaseName('auditchain');
const WORKERS = 4;
const PER_WORKER = 150;

let client: mongoose.mongo.MongoClient;
beforeAll(async () => {
  client = new mongoose.mongo.MongoClient(mongoUrl, { retryWrites: false });
  await client.connect();
});
afterAll(() => client.close());

describe('an append-only chain on a unique seq index, appended from several processes at once', () => {
  it(`gives one gapless chain of ${WORKERS} × ${PER_WORKER} links, each linked to the entry just before it`, async () => {
    const coll = client.db(dbName).collection<{ _id: string; seq: number; prev: string | null }>('chain');
    await coll.createIndex({ seq: 1 }, { unique: true });
    const script = path.join(__dirname, 'audit-chain-worker.js');
    const results = await Promise.all(
      Array.from({ length: WORKERS }, async (_, worker) => {
        const job = { url: mongoUrl, db: dbName, collection: 'chain', worker, count: PER_WORKER, batch: 5, concurrency: 4 };
        const { stdout } = await run(process.execPath, [script, JSON.stringify(job)], { maxBuffer: 1 << 20 });
        return JSON.parse(stdout) as { lostRaces: number };
      }),
    );
    const docs = await coll.find({}).sort({ seq: 1 }).toArray();
    expect(docs).toHaveLength(WORKERS * PER_WORKER);
    docs.forEach((d, i) => {
      expect(d.seq).toBe(i + 1);
      expect(d.prev).toBe(i === 0 ? null : docs[i - 1]!._id);
    });
    // The race was real: appenders found their seq taken and re-linked.
    expect(results.reduce((s, r) => s + r.lostRaces, 0)).toBeGreaterThan(0);
  }, 300_000);
});
