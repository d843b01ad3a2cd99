import { runService } from '@yinqi/service-kit';
import { enterpriseRoutes } from './api/routes';
import { loadEnterpriseConfig } from './config';
import { enterpriseConsumers } from './consumers/handlers';
import { enterpriseModels } from './data/models';
import { searchableEnterprises } from './data/enterprise-search';
import { enterpriseRepository } from './data/repository';
import { demandUseCases } from './domain/demands';
import { enterpriseUseCases } from './domain/enterprises';

async function main() {
  const config = loadEnterpriseConfig();
  await runService('enterprise', async (ctx) => {
    const models = enterpriseModels(ctx.db);
    await Promise.all([models.Enterprise.init(), models.Demand.init()]);
    const search = searchableEnterprises(enterpriseRepository(models), models, ctx.logger);
    await search.start();
    const repo = search.repo;
    const enterprises = enterpriseUseCases({ repo, published: ctx.kickRelay, profileWaitMs: config.ENTERPRISE_PROFILE_WAIT_MS });
    const demands = demandUseCases({ repo, enterprises, published: ctx.kickRelay });
    return {
      routes: enterpriseRoutes(enterprises, demands),
      outboxCollections: ['enterprises', 'demands'],
      consumers: enterpriseConsumers(enterprises, demands, ctx.logger),
    };
  });
}

main().catch((err) => {
  console.error(`enterprise failed to start: ${(err as Error).message}`);
  process.exit(1);
});
