import { z } from 'zod';
import { loadConfig } from '@yinqi/config';
import { DEFAULT_COPY_WAIT_MS } from '@yinqi/events';
import { runService } from '@yinqi/service-kit';
import { loanRoutes } from './api/routes';
import { loanConsumers } from './consumers/handlers';
import { loanModels } from './data/models';
import { loanRepository } from './data/repository';
import { DEFAULT_RENEWAL_WINDOW_DAYS } from './domain/deps';
import { LOANS_COLLECTION } from './domain/loan-record';
import { loanUseCases } from './domain/loan-use-cases';

const settings = z.object({
  /** Days before maturity at which loan.maturity-approaching is raised (到期提醒). */
  MATURITY_NOTICE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often the maturity/overdue sweep runs; every replica sweeps, the writes are conditional. */
  LOAN_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(5_000),
  /** 无还本续贷 only "at or near maturity": requested no earlier than this many days before it (else POLICY_VIOLATION). */
  RENEWAL_WINDOW_DAYS: z.coerce.number().int().min(0).max(366).default(DEFAULT_RENEWAL_WINDOW_DAYS),
  /** How long disburseLoan waits for an acceptance or a quote selection made a moment ago to reach this service. */
  LOAN_COPY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_COPY_WAIT_MS),
});

async function main() {
  const { MATURITY_NOTICE_DAYS, LOAN_SWEEP_INTERVAL_MS, RENEWAL_WINDOW_DAYS, LOAN_COPY_WAIT_MS } = loadConfig(settings);
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
  // eslint-disable-next-line no-console
  console.error(`loan failed to start: ${(err as Error).message}`);
  process.exit(1);
});
