import type { Principal } from '@yinqi/auth';
import type { EventEnvelope } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import { OutboxRelay, type EventPublisher, type OutboxDocument } from '@yinqi/events';
import { createLogger } from '@yinqi/logger';
import { freshDatabaseName, infraUrls, waitFor } from '@yinqi/testing';
import { productModels, PRODUCTS_COLLECTION, type ProductModels } from '../data/models';
import { productRepository } from '../data/repository';
import { productUseCases } from './products';
import { productInputSchema } from './schemas';

// The product writes against the real FerretDB, where updates are not isolated: concurrent
// suspends of one product while the outbox relay removes its published events.
let db: Connection;
let models: ProductModels;

beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('product') });
  models = productModels(db);
  await models.Product.init();
});
afterAll(() => db.close());

const officer: Principal = { userId: 'u-b1', role: 'BANK_OFFICER', orgId: 'b1' };
const input = productInputSchema.parse({
  name: '专精特新贷',
  minAmount: 500_000,
  maxAmount: 5_000_000,
  minTermMonths: 12,
  maxTermMonths: 36,
  annualRateMin: 3.45,
  annualRateMax: 4.2,
});

describe('product writes on the real database', () => {
  it('suspends once however many concurrent suspends race the outbox relay: one event, no write undone', async () => {
    const seen: EventEnvelope[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void seen.push(...events) } as unknown as EventPublisher;
    const relay = new OutboxRelay({
      collections: [db.db!.collection<OutboxDocument>(PRODUCTS_COLLECTION)],
      publisher,
      logger: createLogger('test', 'silent'),
      pollIntervalMs: 2,
      cleanupDelayMs: 0,
    });
    const uc = productUseCases({ repo: productRepository(models), published: () => relay.kick() });
    relay.start();
    try {
      const p = await uc.publish(officer, input);
      // Let the relay publish and remove product.published first, so removals overlap the suspends.
      await waitFor(async () => (await models.Product.findById(p.id).lean().exec())!.outbox.length === 0, {
        message: 'product.published removed',
      });
      const results = await Promise.all(Array.from({ length: 8 }, () => uc.suspend(officer, p.id)));
      expect(results.every((r) => r.status === 'SUSPENDED')).toBe(true);
      await waitFor(async () => (await models.Product.findById(p.id).lean().exec())!.outbox.length === 0, {
        message: 'product.suspended removed',
      });
      const stored = (await models.Product.findById(p.id).lean().exec())!;
      expect(stored).toMatchObject({ status: 'SUSPENDED', version: 2 });
      // At least once: a re-publication is allowed, a second suspension event is not.
      expect([...new Set(seen.filter((e) => e.key === p.id).map((e) => `${e.type}@${e.version}`))].sort()).toEqual([
        'product.published@1',
        'product.suspended@2',
      ]);
    } finally {
      await relay.stop();
    }
  });
});
