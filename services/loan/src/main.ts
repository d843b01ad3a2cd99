import { runService } from '@yinqi/service-kit';
import { loanRoutes } from './api/routes';
import { loadLoanConfig } from './config';
import { loanConsumers } from './consumers/handlers';
import { loanModels } from './data/models';
import { loanRepository } from './data/repository';
import { LOANS_COLLECTION } from './domain/loan-record';
import { loanUseCases } from './domain/loan-use-cases';

async function main() {
  const { MATURITY_NOTICE_DAYS, LOAN_SWEEP_INTERVAL_MS, RENEWAL_WINDOW_DAYS, LOAN_COPY_WAIT_MS } = loadLoanConfig();
  await runService('loan', async (ctx) => {
    const models = loanModels(ctx.db);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const repo = loanRepository(models);
    const useCases = loanUseCases({
      repo,
      logger: ctx.logger,
      published: ctx.kickRelay,
      maturityNoticeDays: MATURITY_NOTICE_DAYS,
      renewalWindowDays: RENEWAL_WINDOW_DAYS,
      copyWaitMs: LOAN_COPY_WAIT_MS,
    });
    let sweeping: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      if (sweeping) return;
      sweeping = useCases
        .sweep()
        .catch((err: Error) => ctx.logger.error({ err: err.message }, 'loan sweep failed'))
        .finally(() => (sweeping = undefined));
    }, LOAN_SWEEP_INTERVAL_MS);
    timer.unref();
    return {
      routes: loanRoutes(useCases),
      outboxCollections: [LOANS_COLLECTION],
      consumers: [loanConsumers(useCases)],
      closables: [
        {
          name: 'sweep',
          close: async () => {
            clearInterval(timer);
            await sweeping;
          },
        },
      ],
    };
  });
}

main().catch((err) => {
  console.error(`loan failed to start: ${(err as Error).message}`);
  process.exit(1);
});
