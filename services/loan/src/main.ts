import { z } from 'zod';
import { loadConfig } from '@yinqi/config';
import { runService } from '@yinqi/service-kit';
import { loanRoutes } from './api/routes';
import { loanConsumers } from './consumers/handlers';
import { LoanOutboxRelay } from './data/loan-relay';
import { loanModels } from './data/models';
import { loanRepository } from './data/repository';
import { DEFAULT_RENEWAL_WINDOW_DAYS, loanUseCases } from './domain/loans';

const settings = z.object({
  /** Days before maturity at which loan.maturity-approaching is raised (到期提醒). */
  MATURITY_NOTICE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often the maturity/overdue sweep runs; every replica sweeps, the writes are conditional. */
  LOAN_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(5_000),
  /** 无还本续贷 only "at or near maturity": requested no earlier than this many days before it (else POLICY_VIOLATION). */
  RENEWAL_WINDOW_DAYS: z.coerce.number().int().min(0).max(366).default(DEFAULT_RENEWAL_WINDOW_DAYS),
});

async function main() {
  const { MATURITY_NOTICE_DAYS, LOAN_SWEEP_INTERVAL_MS, RENEWAL_WINDOW_DAYS } = loadConfig(settings);
  await runService('loan', async (ctx) => {
    const models = loanModels(ctx.db);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const repo = loanRepository(models);
    // Our own relay instead of the shared one: see LoanOutboxRelay for why.
    const relay = new LoanOutboxRelay(repo, ctx.publisher, ctx.logger);
    const useCases = loanUseCases({ repo, logger: ctx.logger, published: () => relay.kick(), maturityNoticeDays: MATURITY_NOTICE_DAYS, renewalWindowDays: RENEWAL_WINDOW_DAYS });
    ctx.metrics.gauge('loan_outbox_events_published_total', 'Loan events published by the loan outbox relay', () => relay.published);
    relay.start();
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
      outboxCollections: [],
      consumers: [loanConsumers(useCases)],
      closables: [
        {
          name: 'sweep',
          close: async () => {
            clearInterval(timer);
            await sweeping;
          },
        },
        { name: 'loan-outbox-relay', close: () => relay.stop() },
      ],
    };
  });
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(`loan failed to start: ${(err as Error).message}`);
  process.exit(1);
});
