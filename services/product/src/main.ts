import { runService } from '@yinqi/service-kit';
import { productRoutes } from './api/routes';
import { PRODUCTS_COLLECTION, productModels } from './data/models';
import { productRepository } from './data/repository';
import { productUseCases } from './domain/products';

async function main() {
  await runService('product', async (ctx) => {
    const models = productModels(ctx.db);
    await models.Product.init();
    const products = productUseCases({ repo: productRepository(models), published: ctx.kickRelay });
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
