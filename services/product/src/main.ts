import { runService } from '@yinqi/service-kit';
import { productRoutes } from './api/routes';
import { PRODUCTS_COLLECTION, productModels } from './data/models';
import { DEFAULT_PAGE_CACHE_MS, productRepository } from './data/repository';
import { productUseCases } from './domain/products';

async function main() {
  await runService('product', async (ctx) => {
    const models = productModels(ctx.db);
    await models.Product.init();
    const pageCacheMs = Number(process.env.CATALOGUE_CACHE_MS ?? DEFAULT_PAGE_CACHE_MS);
    if (!Number.isInteger(pageCacheMs) || pageCacheMs < 0)
      throw new Error('CATALOGUE_CACHE_MS must be a whole number of milliseconds (0 turns the cache off)');
    const products = productUseCases({ repo: productRepository(models, { pageCacheMs }), published: ctx.kickRelay });
    return {
      routes: productRoutes(products),
      outboxCollections: [PRODUCTS_COLLECTION],
    };
  });
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(`product failed to start: ${(err as Error).message}`);
  process.exit(1);
});
