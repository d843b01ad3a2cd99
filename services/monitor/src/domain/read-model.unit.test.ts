import pino from 'pino';
import { ReadModel } from './read-model';
import type { FactStorePort, OffsetsPort } from './read-model-ports';

/** A store with nothing in it: a new monitor. */
function emptyStore(): FactStorePort {
  let gen = 1;
  return {
    async *loadAll() {},
    write: async () => undefined,
    insertAll: async () => 0,
    clearAll: async () => undefined,
    generation: async () => gen,
    setGeneration: async (n: number) => {
      gen = n;
    },
    rebuildPending: async () => false,
  };
}

describe('a new monitor on a broker that has just started', () => {
  it('retries its first build when the broker is not ready yet, and ends up consuming', async () => {
    let listings = 0;
    const offsets: OffsetsPort = {
      ends: async () => {
        listings += 1;
        if (listings === 1) throw new Error('This server is not the leader for that topic-partition');
        return [];
      },
      committed: async () => new Map(),
    };
    const started: number[] = [];
    const model = new ReadModel({
      store: emptyStore(),
      startConsumer: async (g) => (started.push(g), { stop: async () => undefined }),
      offsets,
      logger: pino({ level: 'silent' }),
    });
    await model.start();
    const deadline = Date.now() + 10_000;
    while (started.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(listings).toBeGreaterThanOrEqual(2);
    expect(started.length).toBe(1);
  });
});
