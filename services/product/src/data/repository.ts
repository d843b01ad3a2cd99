import { badInput } from '@yinqi/errors';
import { decodeCursor, encodeCursor, mongoose, pageSize, type Page } from '@yinqi/db';
import type { EventEnvelope } from '@yinqi/contracts';
import type { CatalogueScope } from '../domain/visibility';
import type { ProductModels, ProductRecord } from './models';

export type Product = Omit<ProductRecord, 'outbox'>;

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

/**
 * Keyset page, newest first over (createdAt, _id), with the same cursors and limits as
 * `findPage` of @yinqi/db. Not `findPage` itself: it marks its cursor `$or` array as trusted,
 * and mongoose 8.8's Query.merge copies arrays without that mark, so sanitizeFilter turns the
 * `$lt` conditions into `$eq` data and every `after` fails with a CastError. Trusting each
 * operator object survives the copy.
 */
async function keysetPage(model: ProductModels['Product'], filter: Record<string, unknown>, args: { first?: unknown; after?: unknown }): Promise<Page<Product>> {
  const size = pageSize(args.first);
  let pageFilter = filter;
  if (args.after !== undefined && args.after !== null && args.after !== '') {
    const parts = typeof args.after === 'string' ? decodeCursor(args.after) : undefined;
    if (!parts || parts.length !== 2 || typeof parts[0] !== 'number' || typeof parts[1] !== 'string') throw badInput('after: not a cursor from this list');
    const at = new Date(parts[0]);
    pageFilter = { ...filter, $or: [{ createdAt: mongoose.trusted({ $lt: at }) }, { createdAt: at, _id: mongoose.trusted({ $lt: parts[1] }) }] };
  }
  const [docs, totalCount] = await Promise.all([
    model.find(pageFilter, { outbox: 0 }).sort({ createdAt: -1, _id: -1 }).limit(size + 1).lean<Product[]>().exec(),
    model.countDocuments(filter).exec(),
  ]);
  const page = docs.slice(0, size);
  const edges = page.map((d) => ({ cursor: encodeCursor([new Date(d.createdAt).getTime(), d._id]), node: d }));
  return { edges, pageInfo: { hasNextPage: docs.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** Plain-object access to products; mongoose stays in here. */
export function productRepository(m: ProductModels) {
  return {
    insert: async (p: ProductRecord): Promise<void> => {
      await m.Product.collection.insertOne(p as never);
    },
    findById: (id: string) => m.Product.findById(id, { outbox: 0 }).lean<Product>().exec(),
    findByIds: (ids: string[]) => m.Product.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0 }).lean<Product[]>().exec(),
    page: (scope: CatalogueScope, args: { first?: unknown; after?: unknown }): Promise<Page<Product>> => keysetPage(m.Product, scopeFilter(scope), args),
    /**
     * Applies a change and stores its events in one single-document write, only if nobody
     * changed the product since `expectedVersion` was read; null when somebody did (or it is gone).
     */
    updateIfVersion: async (
      id: string,
      expectedVersion: number,
      changes: Partial<Pick<ProductRecord, 'status' | 'updatedAt'>>,
      events: EventEnvelope[],
    ): Promise<Product | null> => {
      // No projection here: FerretDB rejects findOneAndUpdate with one, so the outbox is dropped after.
      const doc = await m.Product.findOneAndUpdate(
        { _id: id, version: expectedVersion },
        { $set: { ...changes, version: expectedVersion + 1 }, $push: { outbox: { $each: events } } },
        { new: true },
      )
        .lean<ProductRecord>()
        .exec();
      return doc ? withoutOutbox(doc) : null;
    },
  };
}
export type ProductRepository = ReturnType<typeof productRepository>;
