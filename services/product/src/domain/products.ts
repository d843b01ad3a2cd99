import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { productPublished, productSuspended, type EventEnvelope, type ProductSnapshot } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { newEvent, updateAggregate } from '@yinqi/events';
import type { ProductRecord } from '../data/models';
import type { Product, ProductRepository } from '../data/repository';
import type { CatalogueQuery, ProductInput } from './schemas';
import { catalogueScope, mayManage, ownBankOf } from './visibility';

const SOURCE = 'product';
/** Concurrent suspends of one product are rare; a few re-reads settle them. */
const MAX_WRITE_ATTEMPTS = 5;

/** What the REST API answers with (the gateway's ProductDto). */
export type ProductDto = Omit<ProductSnapshot, 'productId'> & { id: string };

export const toSnapshot = (p: Product): ProductSnapshot => ({
  productId: p._id,
  bankId: p.bankId,
  name: p.name,
  status: p.status,
  minAmount: p.minAmount,
  maxAmount: p.maxAmount,
  minTermMonths: p.minTermMonths,
  maxTermMonths: p.maxTermMonths,
  annualRateMin: p.annualRateMin,
  annualRateMax: p.annualRateMax,
  eligibleTiers: p.eligibleTiers,
  industries: p.industries,
  purposes: p.purposes,
  collateralAccepted: p.collateralAccepted,
  requiresWhitelist: p.requiresWhitelist,
  requiresGuarantee: p.requiresGuarantee,
  rdUpliftThreshold: p.rdUpliftThreshold ?? null,
  rdUpliftRatio: p.rdUpliftRatio ?? null,
  policyTags: p.policyTags,
  createdAt: new Date(p.createdAt).toISOString(),
});

export const toDto = (p: Product): ProductDto => {
  const { productId, ...rest } = toSnapshot(p);
  return { id: productId, ...rest };
};

export interface ProductDeps {
  repo: ProductRepository;
  /** Called after a write that stored events, so the relay publishes them now. */
  published: (id?: string) => void;
  now?: () => Date;
  newId?: () => string;
}

export function productUseCases({ repo, published, now = () => new Date(), newId = randomUUID }: ProductDeps) {
  return {
    /** A bank officer puts a product on its own bank's shelf; matching learns of it from product.published. */
    async publish(principal: Principal, input: ProductInput): Promise<ProductDto> {
      const bankId = ownBankOf(principal);
      if (!bankId) throw forbidden('Only a bank officer publishes products');
      const id = newId();
      const at = now();
      const product: Product = { _id: id, bankId, status: 'PUBLISHED', ...input, createdAt: at, updatedAt: at, version: 1 };
      const record: ProductRecord = {
        ...product,
        outbox: [
          newEvent(productPublished, { key: id, version: 1, source: SOURCE, occurredAt: at, data: { product: toSnapshot(product) } }),
        ],
      };
      await repo.insert(record);
      published(id);
      return toDto(product);
    },

    /**
     * Takes a product off the public shelf. Suspending an already suspended product answers
     * with it and changes nothing (no second event), so a retried request is harmless.
     */
    async suspend(principal: Principal, id: string): Promise<ProductDto> {
      if (!ownBankOf(principal)) throw forbidden('Only a bank officer suspends products');
      const saved = await updateAggregate<Product, { at: Date; event: EventEnvelope }>(
        {
          load: (key) => repo.findById(key),
          write: async (key, version, c) =>
            Boolean(await repo.updateIfVersion(key, version, { status: 'SUSPENDED', updatedAt: c.at }, [c.event])),
        },
        id,
        (current) => {
          if (!mayManage(principal, current)) return forbidden("Only an officer of the product's bank may suspend it");
          if (current.status === 'SUSPENDED') return null;
          const at = now();
          const next: Product = { ...current, status: 'SUSPENDED', updatedAt: at, version: current.version + 1 };
          const event = newEvent(productSuspended, {
            key: id,
            version: next.version,
            source: SOURCE,
            occurredAt: at,
            data: { product: toSnapshot(next) },
          });
          return { next, change: { at, event } };
        },
        { what: 'Product', attempts: MAX_WRITE_ATTEMPTS, written: () => published(id) },
      );
      return toDto(saved);
    },

    /** The catalogue (金融产品超市), newest first, as the caller may see it. */
    async catalogue(principal: Principal, query: CatalogueQuery) {
      const page = await repo.page(catalogueScope(principal, query), { first: query.first, after: query.after });
      return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toDto(e.node) })) };
    },

    /**
     * Products by id for the gateway's batch loader, whatever their status: a match or a loan
     * keeps showing the product it was made on after the bank suspends it.
     */
    async byIds(_principal: Principal, ids: string[]): Promise<ProductDto[]> {
      if (ids.length === 0) return [];
      return (await repo.findByIds(ids)).map(toDto);
    },
  };
}
export type ProductUseCases = ReturnType<typeof productUseCases>;
