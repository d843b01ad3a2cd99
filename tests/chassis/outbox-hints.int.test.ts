import type { EventEnvelope } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import { OutboxRelay, type EventPublisher, type OutboxDocument } from '@yinqi/events';
import { createLogger } from '@yinqi/logger';
import { freshDatabaseName, infraUrls, waitFor } from '@yinqi/testing';
import { randomUUID } from 'node:crypto';

// The relay reads only the documents a write names (`kick(id)`) between its scans: on FerretDB a
// scan reads the whole collection, and scanning four times a second was most of the database's work.
// A kick without ids, or the periodic scan, still finds a document nobody named.
let db: Connection;
beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('outbox_hints') });
});
afterAll(() => db.close());

const event = (key: string): EventEnvelope =>
  ({
    id: randomUUID(),
    type: 'test.happened',
    key,
    version: 1,
    source: 'test',
    occurredAt: new Date().toISOString(),
    data: {},
  }) as unknown as EventEnvelope;

/** A started relay over a fresh collection; its publisher only records the keys it is handed, in `seen`. */
function recordingRelay(suffix: string, timing: { scanIntervalMs: number; cleanupDelayMs?: number }) {
  const coll = db.db!.collection<OutboxDocument>(`docs_${Date.now()}${suffix}`);
  const seen: string[] = [];
  const publisher = {
    publish: async (events: EventEnvelope[]) => void seen.push(...events.map((e) => e.key)),
  } as unknown as EventPublisher;
  const relay = new OutboxRelay({ collections: [coll], publisher, logger: createLogger('test', 'silent'), pollIntervalMs: 10, ...timing });
  relay.start();
  return { coll, seen, relay };
}

describe('outbox relay between scans', () => {
  it('publishes a named document at once, leaves an unnamed one for the next scan, and scans when asked', async () => {
    const { coll, seen, relay } = recordingRelay('', { cleanupDelayMs: 0, scanIntervalMs: 600_000 });
    try {
      await coll.insertOne({ _id: 'named-1', outbox: [event('named-1')] });
      relay.kick('named-1');
      await waitFor(() => seen.includes('named-1'), { message: 'the named document published' });
      // Published events leave the document once it is quiet (read by _id too: nobody scans).
      await waitFor(async () => (await coll.findOne({ _id: 'named-1' }))!.outbox!.length === 0, { message: 'named-1 emptied' });

      await coll.insertOne({ _id: 'unnamed', outbox: [event('unnamed')] });
      await coll.insertOne({ _id: 'named-2', outbox: [event('named-2')] });
      relay.kick(['named-2']);
      await waitFor(() => seen.includes('named-2'), { message: 'the second named document published' });
      // The pass that published named-2 started after `unnamed` was written: a scan would have found it.
      expect(seen).not.toContain('unnamed');

      relay.kick();
      await waitFor(() => seen.includes('unnamed'), { message: 'a kick without ids scans' });
      expect(seen.filter((k) => k === 'named-1')).toHaveLength(1);
    } finally {
      await relay.stop();
    }
  });

  it('scans every scanIntervalMs, so a write nobody names is published anyway', async () => {
    const { coll, seen, relay } = recordingRelay('_b', { scanIntervalMs: 300 });
    try {
      await coll.insertOne({ _id: 'late', outbox: [event('late')] });
      await waitFor(() => seen.includes('late'), { timeoutMs: 5_000, message: 'found by the periodic scan' });
    } finally {
      await relay.stop();
    }
  });

  it('publishes documents handed over at insert without reading them, and removes exactly those events from the stored documents', async () => {
    const { coll, seen, relay } = recordingRelay('_c', { cleanupDelayMs: 50, scanIntervalMs: 600_000 });
    try {
      // Events shaped like the services' (nested data, numbers, nulls, an optional field left undefined).
      const rich = (key: string): EventEnvelope =>
        ({
          ...event(key),
          data: {
            match: { matchId: key, score: 87.5, offer: null, reasons: [{ rule: 'AMOUNT', passed: true, detail: '金额在产品范围内' }] },
            reason: undefined,
          },
        }) as unknown as EventEnvelope;
      const docs = Array.from({ length: 30 }, (_, i) => ({ _id: `given-${i}`, version: 1, outbox: [rich(`given-${i}`)] }));
      await coll.insertMany(docs.map((d) => ({ ...d })));
      const reads = jest.spyOn(coll, 'findOne');
      relay.inserted(coll.collectionName, docs);
      await waitFor(() => docs.every((d) => seen.includes(d._id)), { message: 'every handed-over document published' });
      expect(reads).not.toHaveBeenCalled();
      // $pullAll with the objects as handed over matched the stored events: the outboxes empty.
      await waitFor(async () => (await coll.countDocuments({ 'outbox.0': { $exists: true } })) === 0, { message: 'outboxes emptied' });
      expect(seen.filter((k) => k.startsWith('given-'))).toHaveLength(30);
      // A document handed over for a collection the relay does not serve is read by id instead.
      await coll.insertOne({ _id: 'other', outbox: [event('other')] });
      relay.inserted('not-a-relay-collection', [{ _id: 'other', outbox: [] }]);
      await waitFor(() => seen.includes('other'), { message: 'read by id and published' });
      reads.mockRestore();
    } finally {
      await relay.stop();
    }
  });
});
