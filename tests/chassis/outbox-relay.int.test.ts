import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { waitFor } from '@yinqi/testing';
import { isolatedInfra, startFixture, stopFixture, type Fixture } from './fixtures';

let infra: Awaited<ReturnType<typeof isolatedInfra>>;
let projector: Fixture | undefined;
let relay: Fixture | undefined;
let counters: Collection<any>;
let projections: Collection<any>;

beforeAll(async () => {
  infra = await isolatedInfra('outbox');
  process.env.TEST_TOPIC = infra.topic;
  counters = infra.db.collection('counters');
  projections = infra.db.collection('projections');
  const env = { TEST_DB: infra.dbName, TEST_TOPIC: infra.topic, TEST_GROUP: `projector-${randomUUID()}` };
  projector = await startFixture('projector-process', env, 'projector-started');
});

afterAll(async () => {
  await stopFixture(relay);
  await stopFixture(projector);
  await infra.close();
});

const relayEnv = (crash?: string) => ({ TEST_DB: infra.dbName, TEST_TOPIC: infra.topic, ...(crash ? { CRASH: crash } : {}) });

/** One single-document write: the counter's new state and the event that reports it. */
async function increment(key: string, version: number, total: number) {
  const { counterIncremented } = await import('../src/fixtures/counter-events');
  const { newEvent } = await import('@yinqi/events');
  const event = newEvent(counterIncremented, { key, version, source: 'test', data: { by: 1, total } });
  await counters.updateOne({ _id: key }, { $set: { total, version }, $push: { outbox: event as any } }, { upsert: true });
}

describe('outbox relay → Kafka → consumer in another process', () => {
  it('delivers an aggregate change written with its event in one write, and empties the outbox', async () => {
    relay = await startFixture('relay-process', relayEnv(), 'relay-started');
    const key = randomUUID();
    await increment(key, 1, 1);
    const p = await waitFor(() => projections.findOne({ _id: key } as any), { message: 'projection of the first event' });
    expect(p).toMatchObject({ total: 1, version: 1, applications: 1 });
    await waitFor(async () => ((await counters.findOne({ _id: key } as any))?.outbox?.length ?? -1) === 0, { message: 'outbox emptied' });
    await stopFixture(relay);
    relay = undefined;
  });

  it('still delivers the event when the relay is killed after the write and before publishing', async () => {
    const key = randomUUID();
    await increment(key, 1, 1);
    const doomed = await startFixture('relay-process', relayEnv('before-publish'), 'relay-started');
    const code = await doomed.exited;
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(code).toBeNull();
    expect(await projections.findOne({ _id: key } as any)).toBeNull();
    expect((await counters.findOne({ _id: key } as any))?.outbox).toHaveLength(1);

    relay = await startFixture('relay-process', relayEnv(), 'relay-started');
    const p = await waitFor(() => projections.findOne({ _id: key } as any), { message: 'event delivered after restart' });
    expect(p).toMatchObject({ total: 1, applications: 1 });
    await stopFixture(relay);
    relay = undefined;
  });

  it('applies an event once when the relay dies after publishing and publishes it again', async () => {
    const key = randomUUID();
    await increment(key, 1, 1);
    const doomed = await startFixture('relay-process', relayEnv('after-publish'), 'relay-started');
    await doomed.exited;
    // The broker has the event, the document still has it too.
    expect((await counters.findOne({ _id: key } as any))?.outbox).toHaveLength(1);
    relay = await startFixture('relay-process', relayEnv(), 'relay-started');
    await waitFor(async () => ((await counters.findOne({ _id: key } as any))?.outbox?.length ?? -1) === 0, { message: 'outbox emptied' });
    await increment(key, 2, 2); // a later event flushes the partition past the duplicate
    const p = await waitFor(async () => {
      const doc = await projections.findOne({ _id: key } as any);
      return doc?.version === 2 ? doc : null;
    });
    expect(p).toMatchObject({ total: 2, applications: 2 });
  });
});
