import { runService } from '@yinqi/service-kit';
import { monitorRoutes } from './api/routes';
import { loadMonitorConfig } from './config';
import { consumerStarter, kafkaOffsets } from './consumers/handlers';
import { factStore } from './data/fact-store';
import { loadPlanTargets } from './domain/plan-targets';
import { ReadModel } from './domain/read-model';

async function main() {
  const config = loadMonitorConfig();
  const targets = loadPlanTargets(config.MONITOR_PLAN_TARGETS_FILE);
  await runService('monitor', async (ctx) => {
    const offsets = kafkaOffsets(ctx.kafka, ctx.config.YINQI_DB_PREFIX);
    const model = new ReadModel({
      store: factStore(ctx.db),
      startConsumer: consumerStarter({
        kafka: ctx.kafka,
        publisher: ctx.publisher,
        logger: ctx.logger,
        dbPrefix: ctx.config.YINQI_DB_PREFIX,
      }),
      offsets,
      logger: ctx.logger,
      rebuildTimeoutMs: config.MONITOR_REBUILD_TIMEOUT_MS,
    });
    await model.start();
    ctx.metrics.gauge('monitor_events_changed_total', 'Events that changed the read model', () => model.stats.changed);
    ctx.metrics.gauge('monitor_events_ignored_total', 'Events that were old news (re-delivered, replayed)', () => model.stats.ignored);
    return {
      routes: monitorRoutes(model, targets, () => Date.now()),
      outboxCollections: [],
      // The read model's own consumer (not the kit's): a rebuild replaces it with a new group.
      consumers: [],
      closables: [
        { name: 'read-model-consumer', close: () => model.stop() },
        { name: 'kafka-admin', close: () => offsets.close() },
      ],
    };
  });
}

main().catch((err) => {
  console.error(`monitor failed to start: ${(err as Error).message}`);
  process.exit(1);
});
