import { runService } from '@yinqi/service-kit';
import { productRoutes } from './api/routes';
import { loadProductConfig } from './config';
import { PRODUCTS_COLLECTION, productModels } from './data/models';
import { searchableProducts } from './data/product-search';
import { productRepository } from './data/repository';
import { productUseCases } from './domain/products';

async function main() {
  const config = loadProductConfig();
  await runService('product', async (ctx) => {
    const models = productModels(ctx.db);
    await models.Product.init();
    const search = searchableProducts(productRepository(models, { pageCacheMs: config.CATALOGUE_CACHE_MS }), models, ctx.logger);
    await search.start();
    const repo = search.repo;
    const products = productUseCases({ repo, published: ctx.kickRelay });
    return {
      routes: productRoutes(products),
      outboxCollections: [PRODUCTS_COLLECTION],
    };
  });
}

main().catch((err) => {
  console.error(`product failed to start: ${(err as Error).message}`);
  process.exit(1);
});
