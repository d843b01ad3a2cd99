import { runService } from '@yinqi/service-kit';
import { guaranteeRoutes } from './api/routes';
import { loadGuaranteeConfig } from './config';
import { guaranteeConsumers } from './consumers/handlers';
import { guaranteeModels } from './data/models';
import { guaranteeRepository } from './data/repository';
import { policyUseCases } from './domain/policies';
import { CALENDAR_COLLECTION, POLICY_COLLECTION, REQUESTS_COLLECTION } from './domain/records';
import { requestUseCases } from './domain/requests';
import { startSweep } from './domain/sweep';
import { workingCalendarUseCases } from './domain/working-calendar';

async function main() {
  const config = loadGuaranteeConfig();
  await runService('guarantee', async (ctx) => {
    const models = guaranteeModels(ctx.db);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const repo = guaranteeRepository(models);
    const policies = policyUseCases({ repo, logger: ctx.logger, published: ctx.kickRelay });
    await policies.ensure();
    const calendar = workingCalendarUseCases({ repo, logger: ctx.logger, published: ctx.kickRelay });
    await calendar.ensure();
    const requests = requestUseCases({
      repo,
      logger: ctx.logger,
      published: ctx.kickRelay,
      policy: policies.current,
      ttlHours: config.GUARANTEE_REQUEST_TTL_HOURS,
    });
    const sweep = startSweep(() => requests.expireDue(), config.GUARANTEE_SWEEP_INTERVAL_MS, ctx.logger);
    return {
      routes: guaranteeRoutes(requests, policies, calendar),
      outboxCollections: [REQUESTS_COLLECTION, POLICY_COLLECTION, CALENDAR_COLLECTION],
      consumers: [guaranteeConsumers(requests)],
      closables: [{ name: 'expiry-sweep', close: () => sweep.stop() }],
    };
  });
}

main().catch((err) => {
  console.error(`guarantee failed to start: ${(err as Error).message}`);
  process.exit(1);
});
