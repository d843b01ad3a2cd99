import type { Kafka } from 'kafkajs';
import { createLogger } from '@yinqi/logger';
import { EventConsumer } from './consumer';
import type { EventPublisher } from './publisher';

/** A Kafka whose one consumer is a fake that joins its group on `run` and lets the test emit events. */
function fakeKafka() {
  const listeners = new Map<string, ((e: { payload: Record<string, unknown> }) => void)[]>();
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' },
    on: (name: string, fn: (e: { payload: Record<string, unknown> }) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      return () =>
        listeners.set(
          name,
          (listeners.get(name) ?? []).filter((f) => f !== fn),
        );
    },
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async () => emit('consumer.group_join', {}),
    disconnect: async () => undefined,
  };
  const emit = (name: string, payload: Record<string, unknown>) => (listeners.get(name) ?? []).forEach((f) => f({ payload }));
  return { kafka: { consumer: () => consumer } as unknown as Kafka, emit };
}

function aConsumer(onFatal: (err: Error) => void) {
  const { kafka, emit } = fakeKafka();
  const consumer = new EventConsumer({
    kafka,
    groupId: 'g',
    topics: ['t'],
    handlers: {},
    publisher: {} as EventPublisher,
    logger: createLogger('test', 'silent'),
    onFatal,
  });
  return { consumer, emit };
}

describe('EventConsumer readiness and crashes', () => {
  it('is running once it joined its group, and not after a crash kafkajs will not restart, which is reported as fatal', async () => {
    const fatal: Error[] = [];
    const { consumer, emit } = aConsumer((err) => fatal.push(err));
    expect(consumer.running).toBe(false);
    await consumer.start();
    expect(consumer.running).toBe(true);
    emit('consumer.crash', { error: new Error('not authorized'), restart: false });
    expect(consumer.running).toBe(false);
    expect(fatal.map((e) => e.message)).toEqual(['not authorized']);
  });

  it('a crash kafkajs restarts from is not fatal, and the consumer is running again once it rejoins', async () => {
    const fatal: Error[] = [];
    const { consumer, emit } = aConsumer((err) => fatal.push(err));
    await consumer.start();
    emit('consumer.crash', { error: new Error('broker gone'), restart: true });
    expect(consumer.running).toBe(false);
    emit('consumer.group_join', {});
    expect(consumer.running).toBe(true);
    expect(fatal).toEqual([]);
  });

  it('a stopped consumer is not running and its crash while leaving is not fatal', async () => {
    const fatal: Error[] = [];
    const { consumer, emit } = aConsumer((err) => fatal.push(err));
    await consumer.start();
    await consumer.stop();
    expect(consumer.running).toBe(false);
    emit('consumer.crash', { error: new Error('closing'), restart: false });
    expect(fatal).toEqual([]);
  });
});
