import { SearchIndex, findPage, literalPattern, mongoose, type Page } from '@yinqi/db';
import type { Logger } from '@yinqi/logger';
import type { Product } from '../domain/records';
import type { ProductRepository } from '../domain/repository';
import type { ProductModels } from './models';
import { scopeFilter } from './repository';

/** Past this many records for a query's rarest key, its ids would pass SQLite's limit of bound parameters. */
const MAX_CANDIDATES = 20_000;

/**
 * Products by name (issue 19): the keys of every product's name in `product_search_keys`
 * (@yinqi/db's SearchIndex), written when a product is published and backfilled on start. A
 * search narrows the catalogue scope by the matching ids; everything else is the repository's.
 */
export function searchableProducts(repo: ProductRepository, m: ProductModels, logger?: Logger) {
  const index = new SearchIndex(m.Product.db.db!, 'product_search_keys');
  const searchable: ProductRepository = {
    ...repo,
    // Keys first: the gateway forgets cached catalogue pages when product.published arrives, which
    // may be as soon as the insert; a search then must already find the product. Keys of a
    // product whose insert failed find nothing, since a page reads the products themselves.
    async insert(p) {
      await index.index(p._id, p.name);
      await repo.insert(p);
    },
    async page(scope, args): Promise<Page<Product>> {
      if (!scope.search) return repo.page(scope, args);
      const ids = await index.candidates(scope.search, MAX_CANDIDATES);
      if (ids?.length === 0) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
      const name = ids === undefined ? { name: literalPattern(scope.search) } : { _id: mongoose.trusted({ $in: ids }) };
      const filter = scopeFilter(scope);
      // Under $and, because the pager puts its cursor condition in a top-level $or.
      filter.$and = [...((filter.$and as unknown[] | undefined) ?? []), name];
      return findPage(m.Product, filter, args, (d) => d as Product);
    },
  };
  return {
    repo: searchable,
    /** Creates the key indexes, then keys the products that have none (current), in the background. */
    async start(): Promise<void> {
      await index.ensureIndexes();
      const products = m.Product.find({}, { name: 1 }).lean<{ _id: string; name: string }>().cursor();
      async function* texts() {
        for await (const p of products) yield { _id: p._id, text: p.name };
      }
      index.backfill(texts()).then(
        (n) => logger?.info({ indexed: n }, 'product search keys backfilled'),
        (err: unknown) => logger?.error({ err }, 'product search backfill failed; it runs again on the next start'),
      );
    },
  };
}
