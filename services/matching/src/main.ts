import { z } from 'zod';
import { loadConfig } from '@yinqi/config';
import { runService } from '@yinqi/service-kit';
import { matchingRoutes } from './api/routes';
import { matchingConsumers } from './consumers/handlers';
import { matchingModels } from './data/models';
import { searchableMatches } from './data/match-search';
import { matchingRepository } from './data/repository';
import { Matcher } from './domain/matcher';
import { matchingUseCases } from './domain/matching';
import { ResponseDeadlines } from './domain/response-deadlines';

const settings = z.object({
  /** Target guarantee fee rate (% a year) used in allInAnnualRate until a quote is selected, until policy.changed says otherwise. */
  GUARANTEE_FEE_TARGET: z.coerce.number().gt(0).max(10).default(1.0),
});

async function main() {
  const { GUARANTEE_FEE_TARGET } = loadConfig(settings);
  await runService('matching', async (ctx) => {
    const models = matchingModels(ctx.db);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const search = searchableMatches(matchingRepository(models), models, ctx.logger);
    await search.start();
    const repo = search.repo;
    const matcher = new Matcher();
    let feeTarget = GUARANTEE_FEE_TARGET;
    const deadlines = new ResponseDeadlines(repo);
    await deadlines.reload();
    const reloadDeadlines = () =>
      void deadlines.reload().catch((err: Error) => ctx.logger.warn({ err: err.message }, 'response deadline rules not reloaded'));
    // Another replica may have consumed the policy or calendar change: follow it within seconds.
    const deadlineTimer = setInterval(reloadDeadlines, 5_000);
    deadlineTimer.unref();
    const useCases = matchingUseCases({
      repo,
      matcher,
      logger: ctx.logger,
      published: ctx.kickRelay,
      publishedInserted: (records) => ctx.relayInserted(models.Match.collection.collectionName, records),
      guaranteeFeeTarget: () => feeTarget,
      onPolicyTarget: (t) => (feeTarget = t),
      responseDeadline: (createdAt) => deadlines.deadlineOf(createdAt),
      onDeadlineRules: reloadDeadlines,
    });
    await useCases.load();
    ctx.metrics.gauge('matcher_products', 'Published products in the matcher index', () => matcher.productCount);
    ctx.metrics.gauge('matcher_open_demands', 'Open demands in the matcher', () => matcher.openDemandCount);
    ctx.metrics.gauge('match_index_matches', 'Matches in the in-memory match index', () => repo.index.size);
    ctx.metrics.gauge('match_index_bytes', 'Bytes of the match index columns (ids excluded)', () => repo.index.approxBytes);
    return {
      routes: matchingRoutes(useCases, repo),
      outboxCollections: ['matches'],
      consumers: [matchingConsumers(useCases)],
      closables: [{ name: 'response-deadline-reload', close: async () => clearInterval(deadlineTimer) }],
    };
  });
}

main().catch((err) => {
  console.error(`matching failed to start: ${(err as Error).message}`);
  process.exit(1);
});
