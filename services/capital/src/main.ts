import { runService } from '@yinqi/service-kit';
import { capitalRoutes } from './api/routes';
import { loadCapitalConfig } from './config';
import { capitalConsumers } from './consumers/handlers';
import { capitalModels } from './data/models';
import { capitalRepository } from './data/repository';
import { bondUseCases } from './domain/bond-use-cases';
import { enterpriseDirectory } from './domain/enterprises';
import { equityUseCases } from './domain/equity-use-cases';
import { FundMatcher } from './domain/fund-matcher';
import { listingUseCases } from './domain/listing-use-cases';
import { COLLECTIONS } from './domain/records';
import { roadshowUseCases } from './domain/roadshow-use-cases';

async function main() {
  const config = loadCapitalConfig();
  await runService('capital', async (ctx) => {
    const models = capitalModels(ctx.db);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const repo = capitalRepository(models);
    const enterprises = enterpriseDirectory(repo, config.enterpriseWaitMs);
    const published = ctx.kickRelay;
    const matcher = new FundMatcher();
    const equity = equityUseCases({ repo, enterprises, matcher, logger: ctx.logger, published });
    await equity.load();
    ctx.metrics.gauge('fund_matcher_mandates', 'Fund mandates in the matcher index', () => matcher.mandateCount);
    ctx.metrics.gauge('fund_matcher_open_rounds', 'Open equity rounds in the matcher', () => matcher.openRoundCount);
    return {
      routes: capitalRoutes({
        listing: listingUseCases({ repo, enterprises, rewards: config.rewards, published }),
        bonds: bondUseCases({ repo, enterprises, published }),
        equity,
        roadshows: roadshowUseCases({ repo, enterprises, published }),
      }),
      outboxCollections: Object.values(COLLECTIONS),
      consumers: [capitalConsumers(equity)],
    };
  });
}

main().catch((err) => {
  console.error(`capital failed to start: ${(err as Error).message}`);
  process.exit(1);
});
