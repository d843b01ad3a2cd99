import { connectDatabase, type Connection } from '@yinqi/db';
import { createKafka, ensureTopics, EventPublisher } from '@yinqi/events';
import { createLogger } from '@yinqi/logger';
import { freshDatabaseName, freshTopicPrefix, infraUrls, waitFor } from '@yinqi/testing';
import type { EventEnvelope } from '@yinqi/contracts';
import { consumerStarter, kafkaOffsets } from '../consumers/handlers';
import { factCollection, factStore } from '../data/fact-store';
import { computeDashboard } from './dashboard';
import { demand, enterprise, ev, hours, loan, match, T0 } from './event-fixtures.fixture';
import { ReadModel } from './read-model';
import { ALL_TIME } from './stats';

// The read model against the real broker and FerretDB: its own database, its own topics (the event
// types are validated by schema, whatever topic carries them) and its own consumer groups.
const logger = createLogger('monitor-int', 'silent');
const kafka = createKafka({ brokers: infraUrls().brokers, clientId: 'monitor-int', logger });
const prefix = freshTopicPrefix('monitor');
const TOPICS = [`${prefix}.a`, `${prefix}.b`];
const dbPrefix = prefix.replace(/-/g, '_');
let db: Connection;
let publisher: EventPublisher;
const models: ReadModel[] = [];

function aReadModel() {
  const offsets = kafkaOffsets(kafka, dbPrefix, TOPICS);
  const m = new ReadModel({
    store: factStore(db),
    startConsumer: consumerStarter({ kafka, publisher, logger, dbPrefix, topics: TOPICS }),
    offsets,
    logger,
    rebuildTimeoutMs: 60_000,
  });
  models.push(m);
  const close = m.stop.bind(m);
  m.stop = async () => {
    await close();
    await offsets.close();
  };
  return m;
}

const gov = { guarantor: 50, bank: 20, government: 30 };
const l1 = {
  loanId: 'l1',
  bankId: 'b1',
  enterpriseId: 'e1',
  amount: 1_000_000,
  outstandingPrincipal: 1_000_000,
  disbursedAt: hours(3),
  guaranteeFeeRate: 0.9,
  coverageRatio: 80,
  riskShare: gov,
};
const EVENTS: [string, EventEnvelope][] = [
  [TOPICS[0]!, ev('institution.created', 'b1', 1, { institutionId: 'b1', kind: 'BANK', name: '大足农商银行' })],
  [TOPICS[0]!, enterprise('e1', 'MUNICIPAL_SRDI')],
  [TOPICS[1]!, demand('d1', 'e1', 1_000_000, 0)],
  [TOPICS[1]!, demand('d2', 'e1', 400_000, 1)],
  [TOPICS[1]!, match('match.proposed', { matchId: 'm1', demandId: 'd1' }, 1, 1)],
  [TOPICS[1]!, match('match.responded', { matchId: 'm1', demandId: 'd1', status: 'INTERESTED', createdAt: hours(1) }, 2, 2)],
  [
    TOPICS[1]!,
    match(
      'match.offered',
      {
        matchId: 'm1',
        demandId: 'd1',
        status: 'OFFERED',
        createdAt: hours(1),
        offer: { amount: 1_000_000, annualRate: 3.5, termMonths: 12, conditions: null },
      },
      3,
      2,
    ),
  ],
  [TOPICS[0]!, loan('loan.disbursed', l1, 1, 3)],
  [TOPICS[0]!, loan('loan.repaid', { ...l1, outstandingPrincipal: 500_000 }, 2, 4, { amount: 500_000, paidAt: hours(4) })],
];

async function send(events: [string, EventEnvelope][]) {
  for (const [topic, e] of events) await publisher.sendRaw(topic, { key: e.key, value: JSON.stringify(e), headers: {} });
}

beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('monitor') });
  await ensureTopics(kafka, TOPICS, { numPartitions: 3 });
  publisher = new EventPublisher(kafka);
  await publisher.connect();
});
afterAll(async () => {
  for (const m of models) await m.stop().catch(() => undefined);
  await publisher.disconnect();
  await db.close();
  const admin = kafka.admin();
  await admin.connect();
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
  await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  await admin.disconnect();
});

describe('the monitor read model on Kafka and FerretDB', () => {
  let first: ReadModel;
  const numbers = (m: ReadModel) => computeDashboard(m.projection, ALL_TIME, T0 + 10 * 3_600_000);

  it('builds the facts from the topics (an empty read model is built like a rebuild) and stores one document per aggregate', async () => {
    await send(EVENTS);
    first = aReadModel();
    await first.start();
    await waitFor(async () => !first.isRebuilding && (await first.caughtUp()), {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: 'the read model to catch up',
    });
    expect(numbers(first)).toMatchObject({
      demandsPosted: 2,
      demandsMatched: 1,
      amountRequested: 1_400_000,
      amountOffered: 1_000_000,
      amountDisbursed: 1_000_000,
      medianHoursToFirstMatch: 1,
      medianHoursToBankResponse: 1,
      averageGuaranteeFeeRate: 0.9,
      governmentRiskExposure: 120_000, // 500,000 × 80% × 30%
      byBank: [{ bankId: 'b1', bankName: '大足农商银行', matches: 1, offers: 1, amountDisbursed: 1_000_000 }],
    });
    expect(await db.db!.collection(factCollection('match')).findOne({ _id: 'm1' as never })).toMatchObject({
      v: 3,
      status: 'OFFERED',
      respondedAt: T0 + 2 * 3_600_000,
    });
    expect(await db.db!.collection(factCollection('loan')).countDocuments()).toBe(1);
  });

  it('changes nothing when the same events arrive again', async () => {
    const before = numbers(first);
    const ignored = first.stats.ignored;
    await send(EVENTS);
    await waitFor(() => first.stats.ignored - ignored >= EVENTS.length, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'the re-delivered events',
    });
    expect(numbers(first)).toEqual(before);
    expect(await db.db!.collection(factCollection('match')).findOne({ _id: 'm1' as never })).toMatchObject({ v: 3 });
  });

  it('restarts from the stored facts, without a replay', async () => {
    const before = numbers(first);
    await first.stop();
    const second = aReadModel();
    await second.start();
    expect(numbers(second)).toEqual(before);
    expect(second.generation).toBe(2); // the first start built the empty read model as a rebuild does (generation 2)
    expect(second.stats.seen).toBe(0); // the group's offsets were committed: nothing was read again
    first = second;
  });

  it('rebuilds from the beginning in a fresh consumer group, with the same numbers', async () => {
    const before = numbers(first);
    const r = await first.rebuild();
    expect(r).toMatchObject({ generation: 3, events: EVENTS.length * 2 });
    expect(numbers(first)).toEqual(before);
    expect(first.stats.changed).toBe(EVENTS.length);
    expect(first.stats.ignored).toBe(EVENTS.length);
    await expect(db.db!.collection(factCollection('demand')).countDocuments()).resolves.toBe(2);
  });
});
