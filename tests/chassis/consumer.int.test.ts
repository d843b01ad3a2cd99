import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { collectMessages, waitFor } from '@yinqi/testing';
import { isolatedInfra } from './fixtures';

let infra: Awaited<ReturnType<typeof isolatedInfra>>;
let projections: Collection<any>;
let events: typeof import('@yinqi/events');
let fixtures: typeof import('../src/fixtures/counter-events');
let consumer: import('@yinqi/events').EventConsumer;
let publisher: import('@yinqi/events').EventPublisher;
let failKeys: Set<string>;
/** Keys whose handler fails this many more times with a database-unavailable error. */
let dbDown: Map<string, number>;

beforeAll(async () => {
  infra = await isolatedInfra('consumer');
  process.env.TEST_TOPIC = infra.topic;
  events = await import('@yinqi/events');
  fixtures = await import('../src/fixtures/counter-events');
  const { createLogger } = await import('@yinqi/logger');
  const logger = createLogger('test', 'silent');
  projections = infra.db.collection('projections');
  publisher = new events.EventPublisher(infra.kafka);
  await publisher.connect();
  failKeys = new Set();
  dbDown = new Map();
  consumer = new events.EventConsumer({
    kafka: infra.kafka,
    groupId: `consumer-test-${randomUUID()}`,
    topics: [infra.topic],
    publisher,
    logger,
    maxAttempts: 3,
    retryDelayMs: 10,
    handlers: {
      [fixtures.counterIncremented.type]: async (e) => {
        if (failKeys.has(e.key)) throw new Error('projection store refused the write');
        const down = dbDown.get(e.key) ?? 0;
        if (down > 0) {
          dbDown.set(e.key, down - 1);
          throw Object.assign(new Error('connection 16 to 127.0.0.1:27017 closed'), { name: 'MongoServerSelectionError' });
        }
        await events.applyIfNewer(
          projections,
          e.key,
          e.version,
          { total: (e.data as { total: number }).total },
          { inc: { applications: 1 } },
        );
      },
    },
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer.stop();
  await publisher.disconnect();
  await infra.close();
});

const anIncrement = (key: string, version: number, total: number) =>
  events.newEvent(fixtures.counterIncremented, { key, version, source: 'test', data: { by: 1, total } });

describe('consumer idempotency by aggregate version', () => {
  it('changes state once when the same event is delivered twice', async () => {
    const key = randomUUID();
    const e1 = anIncrement(key, 1, 1);
    await publisher.publish([e1, e1]);
    await publisher.publish([anIncrement(key, 2, 2)]);
    const p = await waitFor(async () => {
      const d = await projections.findOne({ _id: key } as any);
      return d?.version === 2 ? d : null;
    });
    expect(p).toMatchObject({ total: 2, applications: 2 });
  });

  it('ignores an older version that arrives after a newer one', async () => {
    const key = randomUUID();
    await publisher.publish([anIncrement(key, 2, 7), anIncrement(key, 1, 3), anIncrement(key, 3, 9)]);
    const p = await waitFor(async () => {
      const d = await projections.findOne({ _id: key } as any);
      return d?.version === 3 ? d : null;
    });
    expect(p).toMatchObject({ total: 9, applications: 2 });
  });
});

describe('dead letters', () => {
  it('sends a message that fails validation to <topic>.dlq with its error, and the partition keeps flowing', async () => {
    const dlq = await collectMessages([`${infra.topic}.dlq`]);
    const key = randomUUID();
    const bad = { ...anIncrement(key, 1, 1), data: { by: 'one', total: 1 } };
    const producer = infra.kafka.producer();
    await producer.connect();
    // Same key → same partition: the good event after it must still be applied.
    await producer.send({
      topic: infra.topic,
      messages: [
        { key, value: JSON.stringify(bad) },
        { key, value: '{not json' },
      ],
    });
    await producer.disconnect();
    await publisher.publish([anIncrement(key, 2, 5)]);

    const p = await waitFor(() => projections.findOne({ _id: key, version: 2 } as any), { message: 'good event after poison applied' });
    expect(p).toMatchObject({ total: 5 });
    await waitFor(() => dlq.messages.length >= 2, { message: 'two dead letters' });
    const [first, second] = dlq.messages;
    expect(first!.headers['dlq-error']).toMatch(/bad test.counter-incremented data: by/);
    expect(first!.headers['dlq-original-topic']).toBe(infra.topic);
    expect(JSON.parse(first!.value!)).toMatchObject({ key, data: { by: 'one' } });
    expect(second!.headers['dlq-error']).toMatch(/JSON/);
    await dlq.stop();
  });

  it('dead-letters an event whose handler keeps failing after bounded retries, then moves on', async () => {
    const dlq = await collectMessages([`${infra.topic}.dlq`]);
    const key = randomUUID();
    failKeys.add(key);
    await publisher.publish([anIncrement(key, 1, 1)]);
    const letter = await waitFor(() => dlq.messages.find((m) => m.key === key), { message: 'dead letter for failing handler' });
    expect(letter.headers['dlq-error']).toMatch(/projection store refused/);
    failKeys.delete(key);
    await publisher.publish([anIncrement(key, 2, 2)]);
    await waitFor(() => projections.findOne({ _id: key, version: 2 } as any), { message: 'later event applied' });
    await dlq.stop();
  });

  it('waits for the database instead of dead-lettering when it is unavailable for longer than the retries', async () => {
    // Found by `npm run chaos`: during a FerretDB restart every event a consumer received went to
    // the DLQ after ~1.5 s of retries, and was never applied (maxAttempts is 3 here; this fails 8 times).
    const dlq = await collectMessages([`${infra.topic}.dlq`]);
    const key = randomUUID();
    dbDown.set(key, 8);
    await publisher.publish([anIncrement(key, 1, 1)]);
    await waitFor(() => projections.findOne({ _id: key, version: 1 } as any), {
      timeoutMs: 30_000,
      message: 'the event applied once the database is back',
    });
    expect(dbDown.get(key)).toBe(0);
    expect(dlq.messages.filter((m) => m.key === key)).toEqual([]);
    await dlq.stop();
  });
});
