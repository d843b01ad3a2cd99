import type { Kafka } from 'kafkajs';
import { newEvent } from './new-event';
import { EventPublisher, isFatalProducerError } from './publisher';
import { defineEvent } from '@yinqi/contracts';
import { z } from 'zod';

const pinged = defineEvent('test.publisher-pinged', 'test.publisher', z.object({ n: z.number() }));

/** A Kafka whose producers are fakes: the first one fails once with `error`, later ones succeed. */
function fakeKafka(error: unknown) {
  const producers: { sent: number; disconnected: boolean }[] = [];
  const kafka = {
    producer: () => {
      const state = { sent: 0, disconnected: false };
      const index = producers.push(state) - 1;
      let failed = false;
      return {
        connect: async () => undefined,
        disconnect: async () => void (state.disconnected = true),
        sendBatch: async () => {
          if (index === 0 && !failed) {
            failed = true;
            throw error;
          }
          state.sent += 1;
        },
        send: async () => void (state.sent += 1),
      };
    },
  } as unknown as Kafka;
  return { kafka, producers };
}

const event = () => newEvent(pinged, { key: 'k', version: 1, source: 'test', data: { n: 1 } });

describe('EventPublisher after an error that breaks its idempotent producer', () => {
  it('replaces the producer (the failed send is still reported, for the relay to retry) and sends on the new one', async () => {
    const broken = Object.assign(new Error('The broker received an out of order sequence number'), {
      type: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    });
    const { kafka, producers } = fakeKafka(Object.assign(new Error('retries exceeded'), { cause: broken }));
    const publisher = new EventPublisher(kafka);
    await publisher.connect();
    await expect(publisher.publish([event()])).rejects.toThrow('retries exceeded');
    expect(publisher.replacedProducers).toBe(1);
    expect(producers[0]!.disconnected).toBe(true);
    await publisher.publish([event()]);
    expect(producers[1]!.sent).toBe(1);
  });

  it('keeps its producer after an ordinary failure (a broker briefly away)', async () => {
    const { kafka, producers } = fakeKafka(Object.assign(new Error('Connection error'), { type: 'NETWORK_EXCEPTION' }));
    const publisher = new EventPublisher(kafka);
    await publisher.connect();
    await expect(publisher.publish([event()])).rejects.toThrow('Connection error');
    await publisher.publish([event()]);
    expect(publisher.replacedProducers).toBe(0);
    expect(producers).toHaveLength(1);
  });

  it('recognises the fatal errors however deep kafkajs wraps them', () => {
    expect(isFatalProducerError({ type: 'UNKNOWN_PRODUCER_ID' })).toBe(true);
    expect(isFatalProducerError({ originalError: { cause: { type: 'INVALID_PRODUCER_EPOCH' } } })).toBe(true);
    expect(isFatalProducerError(new Error('timeout'))).toBe(false);
  });
});
