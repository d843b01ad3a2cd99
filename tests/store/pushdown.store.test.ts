// The local store answers filters partly in SQL (infra/ferretdb/_patches). Whatever SQL selects,
// the answer must be MongoDB's: here every generated filter is asked twice, once as it is and once
// wrapped in a double $nor — the same filter to MongoDB, but one the SQL translation leaves alone,
// so FerretDB's own Go matcher answers it. Documents mix types on purpose (strings, numbers of
// every width, dates, booleans, null, missing, arrays, objects). Against MongoDB both questions go
// to the same engine, so the suite runs unchanged there too.
import { mongoose } from '@yinqi/db';
import { freshDatabaseName, infraUrls, seededRandom } from '@yinqi/testing';

/** Seeded, so a failure replays with STORE_PUSHDOWN_SEED. */
const rng = seededRandom;

type Filter = Record<string, unknown>;
const SEED = Number(process.env.STORE_PUSHDOWN_SEED ?? 20261202);
const FILTERS = Number(process.env.STORE_PUSHDOWN_FILTERS ?? 60);

const T0 = Date.UTC(2026, 0, 1);
const day = (n: number) => new Date(T0 + n * 86_400_000);
const STRINGS = ['OPEN', 'MATCHED', 'CLOSED', '', '[x', '{"a":1}', '5', '重庆锐锋', 'a<b>&"c"', 'Z'];
const NUMBERS = [0, 1, 5, 5.5, -3, 1e12, 2 ** 40];
const { Double, Int32, Long } = mongoose.mongo;

/** A value of any kind a field may hold. */
function anyValue(r: ReturnType<typeof rng>): unknown {
  switch (Math.floor(r.next() * 12)) {
    case 0:
      return null;
    case 1:
      return r.pick([true, false]);
    case 2:
      return day(Math.floor(r.next() * 30));
    case 3:
      return [r.pick(STRINGS), r.pick(NUMBERS)];
    case 4:
      return { a: r.pick(NUMBERS) };
    case 5:
      return new Double(r.pick([1, 5, 5.5]));
    case 6:
      return new Int32(r.pick([0, 1, 5]));
    case 7:
      return Long.fromNumber(r.pick([1, 5, 2 ** 40]));
    case 8:
    case 9:
      return r.pick(NUMBERS);
    default:
      return r.pick(STRINGS);
  }
}

/** A comparison value, mostly of the field's usual kind, sometimes of another. */
function queryValue(r: ReturnType<typeof rng>): unknown {
  const v = anyValue(r);
  return Array.isArray(v) || (v && typeof v === 'object' && !(v instanceof Date) && !('_bsontype' in v)) ? r.pick(STRINGS) : v;
}

function fieldFilter(r: ReturnType<typeof rng>, field: string): Filter {
  switch (Math.floor(r.next() * 7)) {
    case 0:
      return { [field]: queryValue(r) };
    case 1:
      return { [field]: { $in: [queryValue(r), queryValue(r), r.pick([null, queryValue(r)])] } };
    case 2:
      return { [field]: { [r.pick(['$gt', '$gte', '$lt', '$lte'])]: queryValue(r) } };
    case 3:
      return { [field]: { $gte: queryValue(r), $lt: queryValue(r) } };
    case 4:
      return { [field]: null };
    case 5:
      return { [field]: { $eq: queryValue(r) } };
    default:
      return { [field]: { $ne: queryValue(r) } };
  }
}

function aFilter(r: ReturnType<typeof rng>, depth = 0): Filter {
  const fields = ['s', 'n', 'd', 'mixed', 'mixed.a', 'tags', 'unindexed'];
  const roll = r.next();
  if (depth < 2 && roll < 0.15) return { $or: [aFilter(r, depth + 1), aFilter(r, depth + 1)] };
  if (depth < 2 && roll < 0.25) return { $and: [aFilter(r, depth + 1), aFilter(r, depth + 1)] };
  if (roll < 0.32)
    return { _id: r.pick([`doc-${Math.floor(r.next() * 400)}`, { $in: [`doc-${Math.floor(r.next() * 400)}`, 'doc-1', 7] }]) };
  const f = fieldFilter(r, r.pick(fields));
  return r.next() < 0.3 ? { ...f, ...fieldFilter(r, r.pick(fields)) } : f;
}

let client: mongoose.mongo.MongoClient;
let docs: mongoose.mongo.Collection;
beforeAll(async () => {
  client = new mongoose.mongo.MongoClient(infraUrls().mongoUrl, { retryWrites: false });
  await client.connect();
  docs = client.db(freshDatabaseName('pushdown')).collection('docs');
  const indexes: Record<string, 1 | -1>[] = [{ s: 1 }, { n: 1 }, { d: -1 }, { mixed: 1 }, { tags: 1 }, { s: 1, d: -1 }];
  for (const key of indexes) await docs.createIndex(key);
  const r = rng(SEED);
  const batch = Array.from({ length: 400 }, (_, i) => {
    const doc: Record<string, unknown> = {
      _id: `doc-${i}`,
      s: r.pick(STRINGS),
      n: r.pick(NUMBERS),
      d: day(i % 30),
      seq: i,
      mixed: anyValue(r),
      tags: [r.pick(STRINGS), r.pick(STRINGS)],
      unindexed: anyValue(r),
    };
    if (i % 17 === 0) delete doc.s;
    if (i % 19 === 0) doc.s = null;
    if (i % 23 === 0) doc.n = new Double(5);
    if (i % 29 === 0) doc.s = [r.pick(STRINGS)]; // an array where a scalar usually stands
    return doc;
  });
  await docs.insertMany([...batch, { _id: 7, s: 'OPEN', n: 1, d: day(1), seq: 400 } as unknown as Record<string, unknown>]);
}, 120_000);
afterAll(() => client.close());

const ids = (xs: { _id: unknown }[]) => xs.map((x) => String(x._id)).sort();

describe(`filters answered in SQL agree with FerretDB's own matcher (seed ${SEED})`, () => {
  it(`gives the same documents and counts for ${FILTERS} generated filters`, async () => {
    const r = rng(SEED + 1);
    for (let i = 0; i < FILTERS; i++) {
      const filter = aFilter(r);
      const reference = { $nor: [{ $nor: [filter] }] };
      const label = `filter #${i} ${JSON.stringify(filter)} (STORE_PUSHDOWN_SEED=${SEED})`;
      const [got, want] = await Promise.all([docs.find(filter).toArray(), docs.find(reference).toArray()]);
      expect({ label, ids: ids(got) }).toEqual({ label, ids: ids(want) });
      expect({ label, count: await docs.countDocuments(filter) }).toEqual({ label, count: want.length });
      // With a limit (findOne is a find with limit 1): what SQL may cut off must still match.
      const few = await docs.find(filter).limit(3).toArray();
      expect({ label, few: few.length }).toEqual({ label, few: Math.min(3, want.length) });
      expect(ids(few).every((id) => ids(want).includes(id))).toBe(true);
    }
  }, 300_000);

  it('sorts with a limit as MongoDB does: newest first, then by sequence', async () => {
    const r = rng(SEED + 2);
    for (let i = 0; i < 25; i++) {
      const filter = aFilter(r);
      const label = JSON.stringify(filter);
      const got = await docs.find(filter).sort({ d: -1, seq: -1 }).limit(15).toArray();
      // The reference sorts in the pipeline (never handed to SQL).
      const want = await docs
        .aggregate([{ $match: { $nor: [{ $nor: [filter] }] } }, { $sort: { d: -1, seq: -1 } }, { $limit: 15 }])
        .toArray();
      expect({ label, ids: got.map((x) => String(x._id)) }).toEqual({ label, ids: want.map((x) => String(x._id)) });
    }
  }, 180_000);

  // Sorting in SQL assumes one type per sort key, which the services' schemas guarantee; without a
  // limit every pair of neighbours is checked, so a key of mixed types is never silently misordered.
  it.each([
    ['a field of mixed types', { mixed: 1, seq: 1 }],
    ['_id holding strings and a number', { _id: 1 }],
  ])("never returns %s in a wrong order: MongoDB's order, or an error", async (_, sort) => {
    const want = await docs.aggregate([{ $sort: sort }]).toArray();
    try {
      const got = await docs
        .find({})
        .sort(sort as mongoose.mongo.Sort)
        .toArray();
      expect(got.map((x) => String(x._id))).toEqual(want.map((x) => String(x._id)));
    } catch (err) {
      expect(String((err as Error).message)).toMatch(/out of order/);
    }
  });
});
