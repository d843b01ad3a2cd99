import { runService } from '@yinqi/service-kit';
import { auditRoutes } from './api/routes';
import { loadAuditConfig } from './config';
import { entryStore } from './data/entry-store';
import { Appender } from './domain/append-entries';
import { readTrail } from './domain/read-trail';

async function main() {
  const config = loadAuditConfig();
  await runService('audit', async (ctx) => {
    const store = entryStore(ctx.db);
    await store.init();
    const appender = new Appender({ store, logger: ctx.logger, maxBatch: config.maxBatch });
    ctx.metrics.gauge('audit_entries_appended_total', 'Audit entries appended by this process', () => appender.appended);
    ctx.metrics.gauge(
      'audit_append_lost_races_total',
      'Append batches that lost the seq race to another process',
      () => appender.lostRaces,
    );
    return {
      routes: auditRoutes({ appender, trail: readTrail(store), ingestKey: config.ingestKey }),
      // The trail is written by the gateway's calls alone: no aggregates, no outbox, no consumers.
      outboxCollections: [],
    };
  });
}

main().catch((err) => {
  console.error(`audit failed to start: ${(err as Error).message}`);
  process.exit(1);
});
