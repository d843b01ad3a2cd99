import type { Principal } from '@yinqi/auth';
import { validateEvent } from '@yinqi/contracts';
import type { ProductRecord } from './records';
import type { Product } from './records';
import type { ProductRepository } from './repository';
import { productUseCases } from './products';
import { productInputSchema } from './schemas';

const officerOf = (bankId: string): Principal => ({ userId: `u-${bankId}`, role: 'BANK_OFFICER', orgId: bankId });
const enterprise: Principal = { userId: 'e1', role: 'ENTERPRISE', orgId: 'ent-1' };
const CLOCK = new Date('2026-03-01T08:00:00.000Z');

const anInput = (overrides: Record<string, unknown> = {}) =>
  productInputSchema.parse({
    name: '五金产业贷',
    minAmount: 500_000,
    maxAmount: 5_000_000,
    minTermMonths: 12,
    maxTermMonths: 36,
    annualRateMin: 3.45,
    annualRateMax: 4.2,
    industries: ['五金'],
    rdUpliftThreshold: 1_000_000,
    rdUpliftRatio: 0.3,
    policyTags: ['SRDI_LOAN'],
    ...overrides,
  });

/** The repository's contract in memory: one map, versioned writes, events kept with the document. */
function inMemoryRepo() {
  const docs = new Map<string, ProductRecord>();
  const strip = ({ outbox: _o, ...p }: ProductRecord): Product => structuredClone(p);
  let lostRaces = 0;
  const repo: ProductRepository = {
    insert: async (p) => {
      docs.set(p._id, structuredClone(p));
    },
    findById: async (id) => {
      const d = docs.get(id);
      return d ? strip(d) : null;
    },
    findByIds: async (ids) => ids.flatMap((id) => (docs.has(id) ? [strip(docs.get(id)!)] : [])),
    page: async () => {
      throw new Error('paging is the database adapter’s job');
    },
    updateIfVersion: async (id, expectedVersion, changes, events) => {
      const d = docs.get(id);
      if (lostRaces > 0) {
        // Someone else wrote in between: bump the stored version as their write would.
        lostRaces -= 1;
        if (d) d.version += 1;
        return null;
      }
      if (!d || d.version !== expectedVersion) return null;
      Object.assign(d, changes, { version: expectedVersion + 1 });
      d.outbox.push(...events);
      return strip(d);
    },
  };
  return { repo, docs, loseNextRaces: (n: number) => (lostRaces = n) };
}

function setup() {
  const store = inMemoryRepo();
  const kicks = { count: 0 };
  let seq = 0;
  const products = productUseCases({ repo: store.repo, published: () => (kicks.count += 1), now: () => CLOCK, newId: () => `p${++seq}` });
  return { ...store, products, kicks };
}

describe('publishing a product', () => {
  it("puts it on the officer's own bank's shelf with a product.published event in the same write", async () => {
    const { products, docs, kicks } = setup();
    const dto = await products.publish(officerOf('bank-a'), anInput());
    expect(dto).toMatchObject({
      id: 'p1',
      bankId: 'bank-a',
      status: 'PUBLISHED',
      name: '五金产业贷',
      rdUpliftRatio: 0.3,
      createdAt: CLOCK.toISOString(),
    });
    const stored = docs.get('p1')!;
    expect(stored.version).toBe(1);
    expect(stored.outbox).toHaveLength(1);
    const event = validateEvent(stored.outbox[0]);
    expect(event).toMatchObject({ type: 'product.published', key: 'p1', version: 1, source: 'product' });
    const { id, ...rest } = dto;
    expect(event.data).toEqual({ product: { productId: id, ...rest } });
    expect(kicks.count).toBe(1);
  });

  it('refuses anyone but a bank officer and writes nothing', async () => {
    const { products, docs, kicks } = setup();
    for (const p of [
      enterprise,
      { userId: 'g', role: 'GUARANTOR_OFFICER', orgId: 'g1' } as Principal,
      { userId: 'fc', role: 'FINANCE_CENTER' } as Principal,
    ]) {
      await expect(products.publish(p, anInput())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(docs.size).toBe(0);
    expect(kicks.count).toBe(0);
  });
});

describe('suspending a product', () => {
  it('takes it off the shelf with a product.suspended event at the next version', async () => {
    const { products, docs, kicks } = setup();
    await products.publish(officerOf('bank-a'), anInput());
    const dto = await products.suspend(officerOf('bank-a'), 'p1');
    expect(dto.status).toBe('SUSPENDED');
    const stored = docs.get('p1')!;
    expect(stored.version).toBe(2);
    const event = validateEvent(stored.outbox[1]);
    expect(event).toMatchObject({ type: 'product.suspended', key: 'p1', version: 2 });
    expect(event.data).toMatchObject({ product: { productId: 'p1', status: 'SUSPENDED' } });
    expect(kicks.count).toBe(2);
  });

  it('answers a second suspend with the product and changes nothing', async () => {
    const { products, docs, kicks } = setup();
    await products.publish(officerOf('bank-a'), anInput());
    await products.suspend(officerOf('bank-a'), 'p1');
    const again = await products.suspend(officerOf('bank-a'), 'p1');
    expect(again).toMatchObject({ id: 'p1', status: 'SUSPENDED' });
    expect(docs.get('p1')!.version).toBe(2);
    expect(docs.get('p1')!.outbox).toHaveLength(2);
    expect(kicks.count).toBe(2);
  });

  it('refuses an officer of another bank and anyone who is not a bank officer', async () => {
    const { products, docs } = setup();
    await products.publish(officerOf('bank-a'), anInput());
    await expect(products.suspend(officerOf('bank-b'), 'p1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(products.suspend(enterprise, 'p1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(docs.get('p1')!.status).toBe('PUBLISHED');
  });

  it('answers NOT_FOUND for an unknown product', async () => {
    const { products } = setup();
    await expect(products.suspend(officerOf('bank-a'), 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('re-reads and retries when another write got in first', async () => {
    const { products, docs, loseNextRaces } = setup();
    await products.publish(officerOf('bank-a'), anInput());
    loseNextRaces(2);
    const dto = await products.suspend(officerOf('bank-a'), 'p1');
    expect(dto.status).toBe('SUSPENDED');
    expect(docs.get('p1')!.version).toBe(4);
    expect(validateEvent(docs.get('p1')!.outbox[1]).version).toBe(4);
  });
});

describe('the batch the gateway loads products with', () => {
  it('returns the ones it finds, suspended included', async () => {
    const { products } = setup();
    await products.publish(officerOf('bank-a'), anInput());
    await products.publish(officerOf('bank-b'), anInput({ name: '银政通' }));
    await products.suspend(officerOf('bank-a'), 'p1');
    const found = await products.byIds(enterprise, ['p1', 'p2', 'missing']);
    expect(found.map((p) => [p.id, p.status])).toEqual([
      ['p1', 'SUSPENDED'],
      ['p2', 'PUBLISHED'],
    ]);
  });
});
