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
  ({ id: randomUUID(), type: 'test.happened', key, version: 1, source: 'test', occurredAt: new Date().toISOString(), data: {} }) as unknown as EventEnvelope;

describe('outbox relay between scans', () => {
  it('publishes a named document at once, leaves an unnamed one for the next scan, and scans when asked', async () => {
    const coll = db.db!.collection<OutboxDocument>(`docs_${Date.now()}`);
    const seen: string[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void seen.push(...events.map((e) => e.key)) } as unknown as EventPublisher;
    const relay = new OutboxRelay({ collections: [coll], publisher, logger: createLogger('test', 'silent'), pollIntervalMs: 10, cleanupDelayMs: 0, scanIntervalMs: 600_000 });
    relay.start();
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
    const coll = db.db!.collection<OutboxDocument>(`docs_${Date.now()}_b`);
    const seen: string[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void seen.push(...events.map((e) => e.key)) } as unknown as EventPublisher;
    const relay = new OutboxRelay({ collections: [coll], publisher, logger: createLogger('test', 'silent'), pollIntervalMs: 10, scanIntervalMs: 300 });
    relay.start();
    try {
      await coll.insertOne({ _id: 'late', outbox: [event('late')] });
      await waitFor(() => seen.includes('late'), { timeoutMs: 5_000, message: 'found by the periodic scan' });
    } finally {
      await relay.stop();
    }
  });
});
