import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { waitFor } from '@yinqi/testing';
import { isolatedInfra, startFixture, stopFixture, type Fixture } from './fixtures';

let infra: Awaited<ReturnType<typeof isolatedInfra>>;
let service: Fixture | undefined;
let port: number;

/** A port the OS just handed out: a fixed or random one collides with other test runs on the machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  infra = await isolatedInfra('drain');
  port = await freePort();
});
afterAll(async () => {
  await stopFixture(service);
  await infra.close();
});

describe('SIGTERM drain', () => {
  it('finishes in-flight requests, commits consumed offsets, and exits cleanly', async () => {
    const prefix = `yinqitest_drain_${randomUUID().slice(0, 8)}`;
    const group = `${prefix}-draintest`;
    service = await startFixture(
      'drain-service',
      { TEST_DB: infra.dbName, TEST_TOPIC: infra.topic, PORT: String(port), SLOW_MS: '1500', YINQI_DB_PREFIX: prefix },
      'service-started',
    );
    // Produce some events and wait until the service applied them.
    process.env.TEST_TOPIC = infra.topic;
    const { counterIncremented } = await import('../src/fixtures/counter-events');
    const { EventPublisher, newEvent } = await import('@yinqi/events');
    const publisher = new EventPublisher(infra.kafka);
    await publisher.connect();
    const keys = Array.from({ length: 10 }, () => randomUUID());
    await publisher.publish(
      keys.map((key) => newEvent(counterIncremented, { key, version: 1, source: 'test', data: { by: 1, total: 1 } })),
    );
    await publisher.disconnect();
    await waitFor(async () => (await infra.db.collection('projections').countDocuments()) === 10, { message: 'events applied' });

    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 300)); // let the request reach the handler before the signal
    service.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    expect(await service.exited).toBe(0);

    // Everything consumed is committed: the group's offsets equal the topic's end offsets.
    const admin = infra.kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [infra.topic] });
    const ends = await admin.fetchTopicOffsets(infra.topic);
    await admin.disconnect();
    // A partition that received none of the events has nothing to commit (Kafka reports -1).
    for (const end of ends) {
      const c = committed!.partitions.find((p) => p.partition === end.partition);
      expect([end.partition, end.offset === '0' && c?.offset === '-1' ? '0' : c?.offset]).toEqual([end.partition, end.offset]);
    }
    // New connections are refused after shutdown.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
