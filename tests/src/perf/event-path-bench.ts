// Event path benchmark: aggregate write with its event in the outbox → OutboxRelay → Kafka →
// EventConsumer → applyIfNewer, on the real broker and database (`npm run bench:events`), against
// raw kafkajs produce → consume of as many same-sized messages as the baseline. Prints a markdown
// table and rewrites its section of docs/PERFORMANCE.md.
//
// One process, but every moving part is the production one from @yinqi/events; the only addition
// is a wrapper that timestamps the publisher's acknowledged batches.
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { z } from 'zod';
import { defineEvent, type EventEnvelope } from '@yinqi/contracts';
import { connectDatabase, mongoose, type Connection } from '@yinqi/db';
import {
  batchedApplyIfNewer,
  createKafka,
  EventConsumer,
  EventPublisher,
  newEvent,
  OutboxRelay,
  type OutboxDocument,
  type VersionedDocument,
} from '@yinqi/events';
import { createLogger } from '@yinqi/logger';
import { infraUrls } from '@yinqi/testing';
import { fmt, loadAverage, machine, markdownTable, percentile, reproduceCommand, writeSection } from './performance-report';

const intEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

/**
 * Aggregates per run: 500 on the local store, which serialises the writes to one collection
 * (README "Known limits"), so the run stays short; 5,000 on MongoDB. Set once the database is known.
 */
const EVENTS_ON_MONGODB = 5_000;
const EVENTS_ON_FERRETDB = 500;
let N = 0;
/** EventConsumer's keyConcurrency: aggregates of one fetched batch applied side by side. */
const KEY_CONCURRENCY = intEnv('BENCH_KEY_CONCURRENCY', 32);
/** Concurrent writers: like that many requests in flight on a service. */
const WRITERS = intEnv('BENCH_WRITERS', 20);
/**
 * FerretDB 1.24 (SQLite) holds one pooled connection per statement of an `update` command until
 * the command ends (a `defer` inside its per-statement loop) and its pool has 100 connections: a
 * bulkWrite of 100 or more updates never returns and wedges that database. OutboxRelay's default
 * batch (200) removes published events with exactly such a bulkWrite, so on FerretDB the relay runs
 * with batches of 50 here; on MongoDB it keeps the services' default. BENCH_RELAY_BATCH overrides.
 */
const FERRETDB_SAFE_BATCH = 50;
const SERVICE_DEFAULT_BATCH = 200;
/** A backstop for a slow (busy, shared) machine; a wedge is caught sooner by STALL_MS. */
const PHASE_TIMEOUT_MS = 180_000;

const run = randomBytes(4).toString('hex');
// Named like a test run's namespace (`yinqitest-t<base-36 time>-…`): if a crash skips the clean-up
// below, the launcher deletes these topics once they are an hour old.
const stamp = `t${Date.now().toString(36)}`;
const DB_NAME = `yinqitest_${stamp}_bench_events_${run}`;
const TOPIC = `yinqitest-${stamp}-bench-${run}.aggregate`;
const RAW_TOPIC = `yinqitest-${stamp}-bench-${run}.raw`;
const GROUPS = { outbox: `yinqitest-${stamp}-bench-${run}-apply`, raw: `yinqitest-${stamp}-bench-${run}-raw` };

const aggregateWritten = defineEvent(
  'bench.aggregate-written',
  TOPIC,
  z.object({ seq: z.number().int(), name: z.string(), amount: z.number().int(), town: z.string(), note: z.string() }),
);
type Data = z.infer<typeof aggregateWritten.schema>;

interface Aggregate extends OutboxDocument, Data {
  version: number;
}
interface Projection extends VersionedDocument, Omit<Data, 'seq'> {}

/** A payload the size of a typical domain event (a demand or product summary). */
const payload = (seq: number): Data => ({
  seq,
  name: `重庆某专精特新企业 ${seq}`,
  amount: 5_000_000 + seq,
  town: '龙水镇',
  note: 'x'.repeat(160),
});

interface PathResult {
  label: string;
  written?: number;
  published: number;
  applied: number;
  lags: number[];
}

/** No progress for this long means something is wedged: fail, and let the clean-up drop the database. */
const STALL_MS = 15_000;

/**
 * Resolves once `done()` holds; rejects when `progress()` stops changing for STALL_MS or the phase
 * exceeds PHASE_TIMEOUT_MS. A wedged database then costs seconds, not the whole shared server.
 */
async function watch<T>(what: string, work: Promise<T>, progress: () => number): Promise<T> {
  let last = progress();
  let since = Date.now();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const now = progress();
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        reject(new Error(`${what}: no progress for ${STALL_MS / 1000}s (stuck at ${now})`));
      }
      if (Date.now() - started > PHASE_TIMEOUT_MS) reject(new Error(`${what}: not done within ${PHASE_TIMEOUT_MS / 1000}s`));
    }, 250);
  });
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearInterval(timer);
  }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}

/** Graceful stops can hang behind a wedged call; clean-up must go on regardless. */
const atMost = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);

async function outboxPath(kafka: Kafka, db: Connection, batchSize: number): Promise<PathResult & { batches: number }> {
  const logger = createLogger('bench-events', 'warn');
  const aggregates = db.db!.collection<Aggregate>('aggregates');
  const projections = db.db!.collection<Projection>('projections');
  // Created up front, not by the first of many concurrent writes (FerretDB creates a table then).
  await Promise.all(['aggregates', 'projections'].map((c) => db.db!.createCollection(c)));
  const publisher = new EventPublisher(kafka);
  await publisher.connect();

  let publishedEvents = 0;
  let publishedAt = 0;
  let batches = 0;
  const publish = publisher.publish.bind(publisher);
  publisher.publish = async (events) => {
    await publish(events);
    publishedEvents += events.length;
    batches += 1;
    publishedAt = Date.now();
  };

  const lags: number[] = [];
  let appliedAt = 0;
  const applyIfNewer = batchedApplyIfNewer(projections);
  const consumer = new EventConsumer({
    kafka,
    groupId: GROUPS.outbox,
    topics: [TOPIC],
    publisher,
    logger,
    // The projection is keyed by the aggregate: events of different aggregates may go side by side.
    keyConcurrency: KEY_CONCURRENCY,
    handlers: {
      [aggregateWritten.type]: async (e) => {
        const { seq: _seq, ...rest } = e.data as Data;
        if (await applyIfNewer(e.key, e.version, rest)) {
          appliedAt = Date.now();
          lags.push(appliedAt - Date.parse(e.occurredAt));
        }
      },
    },
  });
  await consumer.start();
  // Writes kick the relay as a service's use-cases do (ServiceContext.kickRelay); the poll interval
  // is the service default.
  const relay = new OutboxRelay({ collections: [db.db!.collection<OutboxDocument>('aggregates')], publisher, logger, batchSize });
  relay.start();

  let next = 0;
  const progress = setInterval(() => {
    process.stdout.write(`  written ${Math.min(next, N)}, published ${publishedEvents}, applied ${lags.length}\n`);
  }, 5_000);
  try {
    const t0 = Date.now();
    let writtenAt = 0;
    const writers = Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (let i = next++; i < N; i = next++) {
          const key = `agg-${run}-${i}`;
          const data = payload(i);
          const event = newEvent(aggregateWritten, { key, version: 1, data, source: 'bench' });
          await aggregates.insertOne({ _id: key, version: 1, ...data, outbox: [event as EventEnvelope] });
          relay.kick(key);
        }
      }),
    ).then(() => (writtenAt = Date.now()));
    await watch(
      'outbox path',
      Promise.all([writers, until(() => publishedEvents >= N && lags.length >= N)]),
      () => next + publishedEvents + lags.length,
    );
    const s = (t: number) => (t - t0) / 1000;
    return { label: 'outbox', written: N / s(writtenAt), published: N / s(publishedAt), applied: N / s(appliedAt), lags, batches };
  } finally {
    clearInterval(progress);
    await atMost(relay.stop(), 5_000);
    await atMost(consumer.stop(), 10_000);
    await atMost(publisher.disconnect(), 5_000);
  }
}

async function rawPath(kafka: Kafka, messageTemplate: EventEnvelope, batchSize: number): Promise<PathResult> {
  // The same producer settings as EventPublisher, so the difference is the outbox, the database
  // and validation, not the client configuration.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: GROUPS.raw, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [RAW_TOPIC], fromBeginning: true });
  const lags: number[] = [];
  let consumedAt = 0;
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const e = JSON.parse(message.value!.toString('utf8')) as EventEnvelope;
      consumedAt = Date.now();
      lags.push(consumedAt - Date.parse(e.occurredAt));
    },
  });
  await joined;
  try {
    const t0 = Date.now();
    for (let sent = 0; sent < N; sent += batchSize) {
      const now = new Date().toISOString();
      const messages = Array.from({ length: Math.min(batchSize, N - sent) }, (_, j) => {
        const e = { ...messageTemplate, id: randomUUID(), key: `raw-${run}-${sent + j}`, occurredAt: now, data: payload(sent + j) };
        return {
          key: e.key,
          value: JSON.stringify(e),
          headers: { 'event-type': e.type, 'event-id': e.id, 'correlation-id': e.correlationId },
        };
      });
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: RAW_TOPIC, messages }] });
    }
    const producedAt = Date.now();
    await watch(
      'raw path',
      until(() => lags.length >= N),
      () => lags.length,
    );
    const s = (t: number) => (t - t0) / 1000;
    return { label: 'raw', published: N / s(producedAt), applied: N / s(consumedAt), lags };
  } finally {
    await atMost(consumer.disconnect(), 10_000);
    await atMost(producer.disconnect(), 5_000);
  }
}

/** FerretDB answers buildInfo with `ferretdbVersion`; real MongoDB does not. */
async function databaseKind(db: Connection): Promise<{ ferretdb: boolean; label: string }> {
  const info = (await db
    .db!.admin()
    .command({ buildInfo: 1 })
    .catch(() => ({}))) as { version?: string; ferretdbVersion?: string };
  if (info.ferretdbVersion === undefined) return { ferretdb: false, label: `MongoDB ${info.version ?? '?'}` };
  const version = info.ferretdbVersion === 'unknown' ? '(embedded build, version not reported)' : info.ferretdbVersion;
  return { ferretdb: true, label: `FerretDB ${version} on SQLite, MongoDB wire ${info.version ?? '?'}` };
}

/** Median `ping` round trip: a busy or degraded database server shows here before it shows in the rates. */
async function pingMs(db: Connection): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    const t = performance.now();
    await db.db!.admin().command({ ping: 1 });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[10]!;
}

function lagCells(lags: number[]) {
  const sorted = [...lags].sort((a, b) => a - b);
  return [percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] ?? NaN].map((v) => fmt(v));
}

/**
 * Closes the benchmark's own connections first, then drops the database through a fresh client:
 * after a wedge the server releases what the stuck calls hold only when their connections go away.
 */
async function cleanUp(admin: Admin, db: Connection | undefined, mongoUrl: string) {
  await atMost(db?.close(true) ?? Promise.resolve(), 5_000);
  const client = new mongoose.mongo.MongoClient(mongoUrl, { serverSelectionTimeoutMS: 3_000, socketTimeoutMS: 15_000 });
  await atMost(
    client.connect().then(() => client.db(DB_NAME).dropDatabase()),
    20_000,
  );
  await atMost(client.close(), 2_000);
  await atMost(admin.deleteTopics({ topics: [TOPIC, `${TOPIC}.dlq`, RAW_TOPIC], timeout: 30_000 }), 35_000);
  await atMost(admin.deleteGroups(Object.values(GROUPS)), 10_000);
}

async function main() {
  const loadAtStart = loadAverage();
  const { mongoUrl, brokers } = infraUrls();
  const logger = createLogger('bench-events', 'warn');
  const kafka = createKafka({ brokers, clientId: `bench-events-${run}`, logger });
  // The admin client stays quiet: deleting a topic the broker is still cleaning up logs noise.
  const admin = new Kafka({ brokers, clientId: `bench-events-admin-${run}`, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  let db: Connection | undefined;
  try {
    await admin.createTopics({
      waitForLeaders: true,
      // 3 partitions like the service topics (ensureTopics); the DLQ exists as it would in a service.
      topics: [
        { topic: TOPIC, numPartitions: 3 },
        { topic: `${TOPIC}.dlq`, numPartitions: 1 },
        { topic: RAW_TOPIC, numPartitions: 3 },
      ],
    });
    db = await connectDatabase({ url: mongoUrl, dbName: DB_NAME, logger });
    const database = await databaseKind(db);
    N = intEnv('BENCH_EVENTS', database.ferretdb ? EVENTS_ON_FERRETDB : EVENTS_ON_MONGODB);
    const batchSize = intEnv('BENCH_RELAY_BATCH', database.ferretdb ? FERRETDB_SAFE_BATCH : SERVICE_DEFAULT_BATCH);
    if (database.ferretdb && batchSize >= 100)
      throw new Error(`BENCH_RELAY_BATCH=${batchSize} would wedge FerretDB (see FERRETDB_SAFE_BATCH); use less than 100`);
    const ping = await pingMs(db);
    const started = Date.now();
    process.stdout.write(`event path: ${N} aggregates, ${WRITERS} writers, relay batches of ${batchSize} → Kafka → consumer …\n`);
    const outbox = await outboxPath(kafka, db, batchSize);
    process.stdout.write(`raw kafkajs: ${N} messages …\n`);
    const sample = newEvent(aggregateWritten, { key: 'agg-sample', version: 1, data: payload(N - 1), source: 'bench' });
    const raw = await rawPath(kafka, sample, batchSize);
    const bytes = Buffer.byteLength(JSON.stringify(sample));
    const seconds = (Date.now() - started) / 1000;

    const table = markdownTable(
      ['Path', 'Events', 'Written/s', 'Published/s', 'Applied (consumed)/s', 'Lag p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        [
          'insert with outbox → OutboxRelay → Kafka → EventConsumer → batchedApplyIfNewer',
          N,
          fmt(outbox.written!),
          fmt(outbox.published),
          fmt(outbox.applied),
          ...lagCells(outbox.lags),
        ],
        ['raw kafkajs sendBatch → consumer (no outbox, no database)', N, '—', fmt(raw.published), fmt(raw.applied), ...lagCells(raw.lags)],
        [
          'outbox path ÷ raw',
          '',
          '',
          `${(outbox.published / raw.published).toFixed(2)}×`,
          `${(outbox.applied / raw.applied).toFixed(2)}×`,
          '',
          '',
          '',
          '',
        ],
      ],
    );
    const notes = [
      `- ${N} aggregates, each one single-document \`insertOne\` carrying its event in \`outbox\`, from ${WRITERS} concurrent writers as fast as they go; each write kicks the relay with its id (as services' use-cases do).`,
      `- Messages: ${bytes} bytes of JSON envelope; topics with 3 partitions; producer \`idempotent\`, \`acks: -1\`, 1 request in flight (EventPublisher's settings, used for the raw baseline too, in batches of ${batchSize} like the relay).`,
      batchSize === SERVICE_DEFAULT_BATCH
        ? `- OutboxRelay with the services' defaults (batch ${SERVICE_DEFAULT_BATCH}, poll 250 ms).`
        : `- OutboxRelay with batches of ${batchSize} instead of the services' ${SERVICE_DEFAULT_BATCH}${database.ferretdb && !process.env.BENCH_RELAY_BATCH ? ': on FerretDB 1.24 an update command of 100 or more statements never returns and wedges the database (one pooled connection held per statement, pool of 100), and the relay removes a full batch with one bulkWrite' : ''}; poll 250 ms.`,
      `- Rates are events ÷ seconds from the first write (or send) until that stage had handled the last event, so a stage is never faster than the one feeding it. The relay published in ${outbox.batches} batches (mean ${fmt(N / outbox.batches, 1)} events).`,
      `- Consumer: EventConsumer with \`keyConcurrency: ${KEY_CONCURRENCY}\` (the aggregates of a fetched batch side by side, each aggregate's events in order) applying with \`batchedApplyIfNewer\` (concurrent applies share one \`find({_id: {$in}})\` and one unordered \`bulkWrite\`); BENCH_KEY_CONCURRENCY=1 is one event at a time per partition, the services' default.`,
      '- Lag: event `occurredAt` (set just before the write or send) → applied (after applyIfNewer) or consumed; writes faster than the relay or consumer show up here as queueing.',
      ...(database.ferretdb && !process.env.BENCH_EVENTS
        ? [
            `- ${N} events, not ${fmt(EVENTS_ON_MONGODB)} (BENCH_EVENTS): the local store serialises the writes to one collection (the relay's inserts and removals and the consumer's applyIfNewer each wait their turn), which keeps this path far below raw kafkajs there.`,
          ]
        : []),
      `- Both paths together took ${seconds.toFixed(1)} s (consumer group joins included; topic creation and clean-up of the database, topics and groups not).`,
    ].join('\n');
    const section = [
      '## Event path: outbox → Kafka → consumer',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machine()}`,
      `- Load average (1 / 5 / 15 min): ${loadAtStart} at the start, ${loadAverage()} at the end (anything else running on the machine shows here)`,
      `- Infrastructure: Kafka broker at ${brokers.join(',')}, ${database.label} (the launcher's, unless KAFKA_BROKERS / MONGO_URL pointed elsewhere); database \`ping\` ${fmt(ping, 1)} ms (median of 21, before the run)`,
      `- Command: \`${reproduceCommand('tests/dist/perf/event-path-bench.js', ['BENCH_EVENTS', 'BENCH_WRITERS', 'BENCH_RELAY_BATCH', 'BENCH_KEY_CONCURRENCY'])}\``,
      '',
      table,
      '',
      notes,
    ].join('\n');
    process.stdout.write(`\n${table}\n\n${notes}\n`);
    writeSection('events', section);
    process.stdout.write('\ndocs/PERFORMANCE.md: event path section updated\n');
  } catch (err) {
    // Said before the clean-up, which can take a while after a failure.
    process.stderr.write(`event path benchmark failed: ${(err as Error).message}\n`);
    throw err;
  } finally {
    await cleanUp(admin, db, mongoUrl);
    await atMost(admin.disconnect(), 5_000);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`event path benchmark failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
