// The query shapes the services use must be answered from an index, and answered right. Checked
// against whatever MONGO_URL points to (see conformance.store.test.ts). On the local FerretDB the
// plan is SQLite's (`SEARCH … USING INDEX`, never `SCAN` of the table, no temporary sort for an
// indexed sort); on MongoDB it is IXSCAN without COLLSCAN or an in-memory SORT.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mongoose } from '@yinqi/db';
import { freshDatabaseName, infraUrls, medianMs } from '@yinqi/testing';

const median = (fn: () => Promise<unknown>) => medianMs(fn, 5);

const SCALE = Number(process.env.STORE_QUERY_DOCS ?? 100_000);

let client: mongoose.mongo.MongoClient;
let db: mongoose.mongo.Db;
beforeAll(async () => {
  client = new mongoose.mongo.MongoClient(infraUrls().mongoUrl, { retryWrites: false });
  await client.connect();
  db = client.db(freshDatabaseName('storeq'));
});
afterAll(() => client.close());

interface Plan {
  ferret: boolean;
  lines: string[];
}

async function explain(command: Record<string, unknown>): Promise<Plan> {
  const res = (await db.command({ explain: command, verbosity: 'queryPlanner' })) as {
    serverInfo?: Record<string, unknown>;
    queryPlanner?: unknown;
    stages?: unknown;
  };
  const ferret = Boolean(res.serverInfo && 'ferretdbVersion' in res.serverInfo);
  const planner = (res.queryPlanner ?? res.stages) as { Plan?: string[] } | undefined;
  return { ferret, lines: ferret ? (planner?.Plan ?? []) : [JSON.stringify(planner)] };
}

/** The plan reads an index, never the whole table, and sorts with the index when `sorted`. */
function expectIndexed(plan: Plan, table: string, sorted = false) {
  const text = plan.lines.join('\n');
  if (plan.ferret) {
    expect(text).toMatch(/SEARCH \S+ USING (COVERING )?INDEX/);
    expect(text).not.toMatch(new RegExp(`SCAN ${table}`));
    if (sorted) expect(text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  } else {
    expect(text).toContain('IXSCAN');
    expect(text).not.toContain('COLLSCAN');
    if (sorted) expect(text).not.toMatch(/"stage":"SORT"/);
  }
}

describe(`the services' query shapes at ${SCALE.toLocaleString('en')} documents`, () => {
  interface Demand {
    _id: string;
    enterpriseId: string;
    status: string;
    amount: number;
    createdAt: Date;
    version: number;
  }
  const STATUSES = ['OPEN', 'MATCHED', 'CLOSED', 'WITHDRAWN'];
  const t0 = Date.UTC(2026, 0, 1);
  const aDemand = (i: number): Demand => ({
    _id: `dem-${String(i).padStart(7, '0')}`,
    enterpriseId: `ent-${i % 10_000}`,
    status: STATUSES[i % 4]!,
    amount: 1_000_000 + (i % 500) * 10_000,
    createdAt: new Date(t0 + i * 60_000),
    version: 1,
  });
  const timings: Record<string, number> = {};
  let demands: mongoose.mongo.Collection<Demand>;
  let table = '';

  beforeAll(async () => {
    demands = db.collection<Demand>('demands');
    await demands.createIndex({ enterpriseId: 1, createdAt: -1 });
    await demands.createIndex({ status: 1, createdAt: -1 });
    await demands.createIndex({ createdAt: -1 });
    for (let i = 0; i < SCALE; i += 2_000)
      await demands.insertMany(Array.from({ length: Math.min(2_000, SCALE - i) }, (_, k) => aDemand(i + k)));
    const plan = await explain({ find: 'demands', filter: { _id: 'x' } });
    table = plan.ferret ? (/SEARCH (\S+)/.exec(plan.lines.join('\n'))?.[1] ?? 'demands') : 'demands';
  }, 600_000);

  afterAll(() => {
    const dir = path.join(__dirname, '../../.data/artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'store-query-times.json'), JSON.stringify({ documents: SCALE, medianMs: timings }, null, 2));
    process.stdout.write(`store query medians at ${SCALE} documents (ms): ${JSON.stringify(timings)}\n`);
  });

  it("finds by equality on an indexed field (an enterprise's demands, newest first)", async () => {
    const filter = { enterpriseId: 'ent-42' };
    expectIndexed(await explain({ find: 'demands', filter, sort: { createdAt: -1 } }), table, true);
    const docs = await demands.find(filter).sort({ createdAt: -1 }).toArray();
    expect(docs.map((d) => d._id)).toEqual(
      Array.from({ length: Math.ceil((SCALE - 42) / 10_000) }, (_, k) => aDemand(42 + k * 10_000)._id).reverse(),
    );
    timings.equality = await median(() => demands.find(filter).sort({ createdAt: -1 }).toArray());
  });

  it('finds by $in on _id (a page of referenced documents)', async () => {
    const ids = [5, 77, 999, SCALE - 1].map((i) => aDemand(i)._id);
    expectIndexed(await explain({ find: 'demands', filter: { _id: { $in: ids } } }), table);
    expect((await demands.find({ _id: { $in: ids } }).toArray()).map((d) => d._id).sort()).toEqual([...ids].sort());
    timings.idIn = await median(() => demands.find({ _id: { $in: ids } }).toArray());
  });

  it('pages a status newest first with sort + limit, and continues after a cursor', async () => {
    const filter = { status: 'OPEN' };
    expectIndexed(await explain({ find: 'demands', filter, sort: { createdAt: -1, _id: -1 }, limit: 21 }), table);
    const first = await demands.find(filter).sort({ createdAt: -1, _id: -1 }).limit(21).toArray();
    const open = (i: number) => aDemand(i).status === 'OPEN';
    const newestOpen = Array.from({ length: SCALE }, (_, i) => SCALE - 1 - i).filter(open);
    expect(first.map((d) => d._id)).toEqual(newestOpen.slice(0, 21).map((i) => aDemand(i)._id));
    // Keyset continuation, as packages/db findPage asks for it.
    const last = first[19]!;
    const after = { ...filter, $or: [{ createdAt: { $lt: last.createdAt } }, { createdAt: last.createdAt, _id: { $lt: last._id } }] };
    expectIndexed(await explain({ find: 'demands', filter: after, sort: { createdAt: -1, _id: -1 }, limit: 21 }), table);
    const second = await demands.find(after).sort({ createdAt: -1, _id: -1 }).limit(21).toArray();
    expect(second.map((d) => d._id)).toEqual(newestOpen.slice(20, 41).map((i) => aDemand(i)._id));
    timings.sortLimit = await median(() => demands.find(filter).sort({ createdAt: -1, _id: -1 }).limit(21).toArray());
    timings.sortLimitAfterCursor = await median(() => demands.find(after).sort({ createdAt: -1, _id: -1 }).limit(21).toArray());
  });

  it('counts the documents of a status from the index', async () => {
    const filter = { status: 'MATCHED' };
    expectIndexed(
      await explain({ aggregate: 'demands', pipeline: [{ $match: filter }, { $group: { _id: 1, n: { $sum: 1 } } }], cursor: {} }),
      table,
    );
    expect(await demands.countDocuments(filter)).toBe(Math.floor((SCALE - 2) / 4) + 1); // i % 4 === 1
    timings.count = await median(() => demands.countDocuments(filter));
  });

  it('finds by a date range and sorts by date from the index', async () => {
    const from = new Date(t0 + 1_000 * 60_000);
    const to = new Date(t0 + 1_050 * 60_000);
    const filter = { createdAt: { $gte: from, $lt: to } };
    expectIndexed(await explain({ find: 'demands', filter, sort: { createdAt: 1 } }), table, true);
    expect((await demands.find(filter).sort({ createdAt: 1 }).toArray()).map((d) => d._id)).toEqual(
      Array.from({ length: 50 }, (_, k) => aDemand(1_000 + k)._id),
    );
    timings.range = await median(() => demands.find(filter).sort({ createdAt: 1 }).toArray());
  });

  it('updates by _id and version (the optimistic write) through the _id index', async () => {
    const id = aDemand(SCALE - 3)._id;
    expectIndexed(await explain({ find: 'demands', filter: { _id: id, version: 1 } }), table);
    expect((await demands.updateOne({ _id: id, version: 1 }, { $set: { version: 2 } })).modifiedCount).toBe(1);
    expect((await demands.updateOne({ _id: id, version: 1 }, { $set: { version: 3 } })).modifiedCount).toBe(0);
    let v = 2;
    timings.versionedUpdate = await median(async () => {
      await demands.updateOne({ _id: id, version: v }, { $set: { version: v + 1 } });
      v += 1;
    });
  });
});
