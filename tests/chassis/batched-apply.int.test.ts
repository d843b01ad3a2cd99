import type { Collection } from 'mongodb';
import { isolatedInfra } from './fixtures';

let infra: Awaited<ReturnType<typeof isolatedInfra>>;
let events: typeof import('@yinqi/events');

interface Counter {
  _id: string;
  version: number;
  total: number;
  applications?: number;
  firstSeen?: string;
}

beforeAll(async () => {
  infra = await isolatedInfra('batchedapply');
  events = await import('@yinqi/events');
});

afterAll(async () => {
  await infra.close();
});

const collection = async (name: string) => {
  const c = infra.db.collection<Counter>(name);
  await infra.db.createCollection(name).catch(() => undefined);
  return c as unknown as Collection<Counter>;
};

describe('batchedApplyIfNewer', () => {
  it('applies concurrent events of many aggregates exactly once each, in more than one batch', async () => {
    const c = await collection('many');
    const apply = events.batchedApplyIfNewer(c);
    const keys = Array.from({ length: 150 }, (_, i) => `agg-${i}`);
    const first = await Promise.all(
      keys.map((k) => apply(k, 1, { total: 1 }, { inc: { applications: 1 }, setOnInsert: { firstSeen: 'v1' } })),
    );
    expect(first.every(Boolean)).toBe(true);
    const second = await Promise.all(
      keys.map((k, i) => apply(k, i % 2 === 0 ? 2 : 1, { total: 2 }, { inc: { applications: 1 }, setOnInsert: { firstSeen: 'v2' } })),
    );
    expect(second.filter(Boolean)).toHaveLength(75);
    const docs = await c.find({}).sort({ _id: 1 }).toArray();
    expect(docs).toHaveLength(150);
    for (const d of docs) {
      const even = Number(d._id.slice(4)) % 2 === 0;
      expect(d).toEqual({ _id: d._id, version: even ? 2 : 1, total: even ? 2 : 1, applications: even ? 2 : 1, firstSeen: 'v1' });
    }
  });

  it('answers false for a redelivered or older event and changes nothing', async () => {
    const c = await collection('stale');
    const apply = events.batchedApplyIfNewer(c);
    expect(await apply('a', 3, { total: 30 })).toBe(true);
    expect(await Promise.all([apply('a', 3, { total: 99 }), apply('b', 1, { total: 10 })])).toEqual([false, true]);
    expect(await apply('a', 2, { total: 98 })).toBe(false);
    expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', version: 3, total: 30 });
  });

  it('applies two events of one aggregate given at once one after the other, the newer last', async () => {
    const c = await collection('same-key');
    const apply = events.batchedApplyIfNewer(c);
    expect(await Promise.all([apply('k', 1, { total: 1 }), apply('k', 2, { total: 2 })])).toEqual([true, true]);
    expect(await c.findOne({ _id: 'k' })).toEqual({ _id: 'k', version: 2, total: 2 });
  });

  it('settles an insert raced by another writer by comparing versions again', async () => {
    const c = await collection('race');
    const apply = events.batchedApplyIfNewer(c);
    const other = events.batchedApplyIfNewer(c);
    const results = await Promise.all([apply('r', 1, { total: 1 }), other('r', 2, { total: 2 })]);
    expect(results).toContain(true);
    expect(await c.findOne({ _id: 'r' })).toMatchObject({ version: 2, total: 2 });
  });
});
