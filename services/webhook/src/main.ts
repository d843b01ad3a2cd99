import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { runService } from '@yinqi/service-kit';
import { webhookRoutes } from './api/routes';
import { loadWebhookConfig } from './config';
import { webhookConsumers } from './consumers/handlers';
import { webhookModels } from './data/models';
import { webhookRepository } from './data/repository';
import { Dispatcher } from './domain/dispatcher';
import { recordDeliveries } from './domain/record-deliveries';
import { SecretBox } from './domain/signing';

async function main() {
  const config = loadWebhookConfig();
  await runService('webhook', async (ctx) => {
    const models = webhookModels(ctx.db);
    await Promise.all(Object.values(models).map((m) => m.init()));
    const repo = webhookRepository(models);
    const box = new SecretBox(config.secretKey);
    const policy = { production: config.production };
    const dispatcher = new Dispatcher({
      repo,
      box,
      policy,
      schedule: config.schedule,
      logger: ctx.logger,
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      pollMs: config.pollMs,
      concurrency: config.concurrency,
    });
    const kick = () => dispatcher.kick();
    ctx.metrics.gauge('webhook_deliveries_delivered_total', 'Deliveries answered 2xx by this process', () => dispatcher.stats.delivered);
    ctx.metrics.gauge(
      'webhook_attempts_failed_total',
      'Attempts that failed (retried or FAILED) in this process',
      () => dispatcher.stats.failedAttempts,
    );
    ctx.metrics.gauge(
      'webhook_deliveries_failed_total',
      'Deliveries given up after the retry window in this process',
      () => dispatcher.stats.failed,
    );
    dispatcher.start();
    ctx.logger.info(
      { urlPolicy: config.production ? 'production' : 'development', schedule: config.schedule },
      'webhook dispatcher started',
    );
    return {
      routes: webhookRoutes({ repo, box, policy, kick, now: () => new Date() }),
      outboxCollections: [],
      consumers: [webhookConsumers(recordDeliveries({ repo, offer: (records, hooks) => dispatcher.offer(records, hooks) }))],
      closables: [{ name: 'dispatcher', close: () => dispatcher.stop() }],
    };
  });
}

main().catch((err) => {
  console.error(`webhook failed to start: ${(err as Error).message}`);
  process.exit(1);
});
