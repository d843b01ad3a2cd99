import { ReadCache, findPage, mongoose, type Page } from '@yinqi/db';
import type { EventEnvelope } from '@yinqi/contracts';
import { documentLockKey, withDocumentLock } from '@yinqi/events';
import type { Product, ProductRecord } from '../domain/records';
import type { ProductRepository } from '../domain/repository';
import type { CatalogueScope } from '../domain/visibility';
import { PRODUCTS_COLLECTION, type ProductModels } from './models';

const withoutOutbox = ({ outbox: _outbox, ...product }: ProductRecord): Product => product;

/** The mongo filter of a catalogue scope. */
export function scopeFilter(scope: CatalogueScope): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (scope.bankId) filter.bankId = scope.bankId;
  if (scope.policyTag) filter.policyTags = scope.policyTag;
  const status = scope.statuses.length === 1 ? scope.statuses[0] : mongoose.trusted({ $in: scope.statuses });
  if (scope.ownBankId) {
    // Under $and, because the pager puts its cursor condition in a top-level $or.
    filter.$and = [{ $or: [{ status }, { bankId: scope.ownBankId }] }];
  } else {
    filter.status = status;
  }
  return filter;
}

/** Plain-object access to products; mongoose stays in here. `pageCacheMs`: see CATALOGUE_CACHE_MS in config.ts (off by default). */
export function productRepository(m: ProductModels, opts: { pageCacheMs?: number } = {}): ProductRepository {
  const pages = new ReadCache<Page<Product>>(opts.pageCacheMs ?? 0);
  /** Runs a write, then forgets cached pages (also when the write failed: it may have landed). */
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } finally {
      pages.clear();
    }
  };
  return {
    insert: (p: ProductRecord): Promise<void> =>
      writing(async () => {
        await m.Product.collection.insertOne(p as never);
      }),
    findById: (id: string) => m.Product.findById(id, { outbox: 0 }).lean<Product>().exec(),
    findByIds: (ids: string[]) =>
      m.Product.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0 })
        .lean<Product[]>()
        .exec(),
    page: (scope: CatalogueScope, args: { first?: unknown; after?: unknown }): Promise<Page<Product>> =>
      pages.get(
        JSON.stringify([
          scope.bankId ?? null,
          scope.policyTag ?? null,
          scope.statuses,
          scope.ownBankId ?? null,
          args.first ?? null,
          args.after ?? null,
        ]),
        () => findPage(m.Product, scopeFilter(scope), args, (d) => d as Product),
      ),
    /**
     * Applies a change and stores its events in one single-document write, only if nobody
     * changed the product since `expectedVersion` was read; null when somebody did (or it is gone).
     * Under the document lock the outbox relay takes for its removals: FerretDB updates are not
     * isolated, so an interleaved $pullAll (or a second suspend) could undo this write.
     */
    updateIfVersion: async (
      id: string,
      expectedVersion: number,
      changes: Partial<Pick<ProductRecord, 'status' | 'updatedAt'>>,
      events: EventEnvelope[],
    ): Promise<Product | null> =>
      writing(() =>
        withDocumentLock(documentLockKey(PRODUCTS_COLLECTION, id), async () => {
          // No projection here: FerretDB rejects findOneAndUpdate with one, so the outbox is dropped after.
          const doc = await m.Product.findOneAndUpdate(
            { _id: id, version: expectedVersion },
            { $set: { ...changes, version: expectedVersion + 1 }, $push: { outbox: { $each: events } } },
            { new: true },
          )
            .lean<ProductRecord>()
            .exec();
          return doc ? withoutOutbox(doc) : null;
        }),
      ),
  };
}
