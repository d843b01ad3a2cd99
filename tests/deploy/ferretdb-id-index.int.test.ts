// Every hot read and write of the services addresses one document by `_id`. FerretDB 1.24's SQLite
// backend looked `_id` up with an expression its `_id` index does not cover, so each of them scanned
// the whole collection; the launcher builds FerretDB with that one expression corrected
// (infra/launcher/ferretdb.mjs). This checks the database the tests run against really uses the
// index for finds, updates and deletes by `_id`, and that they still find the right document.
import { connectDatabase, type Connection } from '@yinqi/db';
import { freshDatabaseName, infraUrls } from '@yinqi/testing';

let db: Connection;
beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('id_index') });
});
afterAll(() => db.close());

interface Doc {
  _id: string;
  n: number;
  tags?: string[];
}

async function plan(filter: object): Promise<{ ferret: boolean; text: string }> {
  const res = (await db.db!.command({ explain: { find: 'docs', filter }, verbosity: 'queryPlanner' })) as Record<string, unknown>;
  return { ferret: 'ferretdbVersion' in ((res.serverInfo as object) ?? {}), text: JSON.stringify(res.queryPlanner) };
}

describe('lookups by _id on the development/CI database', () => {
  it('use the _id index for find, and find, update and delete exactly the addressed document', async () => {
    const docs = db.db!.collection<Doc>('docs');
    for (let i = 0; i < 600; i += 100) await docs.insertMany(Array.from({ length: 100 }, (_, k) => ({ _id: `d${i + k}`, n: i + k })));

    const p = await plan({ _id: 'd599' });
    if (p.ferret) {
      // SQLite's plan: SEARCH … USING INDEX <table>__id_ instead of SCAN <table>.
      expect(p.text).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
      expect(p.text).not.toMatch(/"[^"]*SCAN /);
    } else {
      expect(p.text).not.toContain('COLLSCAN');
    }

    expect((await docs.findOne({ _id: 'd599' }))?.n).toBe(599);
    expect((await docs.updateOne({ _id: 'd300' }, { $set: { n: -1 }, $push: { tags: 'x' } })).modifiedCount).toBe(1);
    expect(await docs.findOne({ _id: 'd300' })).toEqual({ _id: 'd300', n: -1, tags: ['x'] });
    expect(await docs.findOne({ _id: 'd301' })).toEqual({ _id: 'd301', n: 301 });
    expect((await docs.deleteOne({ _id: 'd0' })).deletedCount).toBe(1);
    expect(await docs.countDocuments({})).toBe(599);
    expect(await docs.findOne({ _id: 'd0' })).toBeNull();
    // Another value type for _id than the one the index was probed with still answers correctly.
    await docs.insertOne({ _id: 7 as unknown as string, n: 7 });
    expect((await docs.findOne({ _id: 7 as unknown as string }))?.n).toBe(7);
  });
});
