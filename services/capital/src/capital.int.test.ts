import type { Principal } from '@yinqi/auth';
import { validateEvent, type EnterpriseSnapshot, type EventEnvelope } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import { OutboxRelay, type EventPublisher, type OutboxDocument } from '@yinqi/events';
import { createLogger } from '@yinqi/logger';
import { freshDatabaseName, infraUrls, waitFor } from '@yinqi/testing';
import { capitalModels, type CapitalModels } from './data/models';
import { capitalRepository } from './data/repository';
import { enterpriseDirectory } from './domain/enterprises';
import { equityUseCases } from './domain/equity-use-cases';
import { FundMatcher } from './domain/fund-matcher';
import { fundMatchIdOf } from './domain/fund-matches';
import { DEFAULT_LISTING_REWARDS } from './domain/listing';
import { listingUseCases } from './domain/listing-use-cases';
import { COLLECTIONS } from './domain/records';
import { roadshowUseCases } from './domain/roadshow-use-cases';

// The capital use cases against the real FerretDB: events written with each change (and valid
// against the contracts), idempotent consumers, one match per pair, and the last-seat race.
let db: Connection;
let models: CapitalModels;
beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('capital') });
  models = capitalModels(db);
  await Promise.all(Object.values(models).map((m) => m.init()));
});
afterAll(() => db.close());

const admin: Principal = { userId: 'fc-1', role: 'FINANCE_CENTER' };
let n = 0;
const anEnterprise = (o: Partial<EnterpriseSnapshot> = {}): EnterpriseSnapshot => {
  n += 1;
  return {
    enterpriseId: `e-${n}-${Date.now()}`,
    name: `测试企业${n}`,
    industry: '智能制造',
    town: '龙水镇',
    tier: 'MUNICIPAL_SRDI',
    whitelisted: false,
    annualRevenue: null,
    employees: null,
    rdSuperDeductionFiled: null,
    highValuePatents: null,
    ...o,
  };
};

function setup() {
  const repo = capitalRepository(models);
  const logger = createLogger('test', 'silent');
  const enterprises = enterpriseDirectory(repo, 0);
  const matcher = new FundMatcher();
  const equity = equityUseCases({ repo, enterprises, matcher, logger, published: () => undefined });
  const listing = listingUseCases({ repo, enterprises, rewards: DEFAULT_LISTING_REWARDS, published: () => undefined });
  const roadshows = roadshowUseCases({ repo, enterprises, published: () => undefined });
  return { repo, equity, listing, roadshows, matcher };
}

describe('capital use cases on the real database', () => {
  it('writes each change with its event in the outbox, and the relay publishes events valid against the contracts', async () => {
    const { equity, listing } = setup();
    const e = anEnterprise();
    await equity.onEnterprise({ ...e, uscc: '91500111MA5U000000' }, 1);
    await listing.setStage(admin, e.enterpriseId, 'RESERVE', '入库');
    await listing.setStage(admin, e.enterpriseId, 'TUTORING', null);
    await expect(listing.setStage(admin, e.enterpriseId, 'RESERVE', null)).rejects.toMatchObject({ code: 'CONFLICT' });
    const doc = await models.Candidate.findById(e.enterpriseId).lean().exec();
    expect(doc!.version).toBe(2);
    expect(doc!.outbox.map((x) => [x.type, x.version])).toEqual([
      ['listing.stage-set', 1],
      ['listing.stage-set', 2],
    ]);

    const seen: EventEnvelope[] = [];
    const publisher = {
      publish: async (events: EventEnvelope[]) => void seen.push(...events.map((x) => validateEvent(x))),
    } as unknown as EventPublisher;
    const relay = new OutboxRelay({
      collections: [db.db!.collection<OutboxDocument>(COLLECTIONS.candidates)],
      publisher,
      logger: createLogger('test', 'silent'),
      pollIntervalMs: 20,
    });
    relay.start();
    try {
      await waitFor(() => seen.filter((x) => x.key === e.enterpriseId).length === 2, { message: 'listing events published' });
    } finally {
      await relay.stop();
    }
    const last = seen.filter((x) => x.key === e.enterpriseId).at(-1)!;
    expect(last.data).toMatchObject({
      stage: 'TUTORING',
      previousStage: 'RESERVE',
      candidate: { stage: 'TUTORING', rewardsDue: [{ stage: 'TUTORING', amount: 500_000 }] },
    });
  });

  it('ignores re-delivered and older enterprise events', async () => {
    const { equity, repo } = setup();
    const e = anEnterprise();
    await equity.onEnterprise({ ...e, uscc: '91500111MA5U000001' }, 1);
    await equity.onEnterprise({ ...e, tier: 'NATIONAL_LITTLE_GIANT' }, 3);
    await equity.onEnterprise({ ...e, tier: 'NONE' }, 2); // older: ignored
    await equity.onEnterprise({ ...e, tier: 'NONE' }, 3); // re-delivery of version 3 with other data: ignored
    const copy = await repo.findEnterprise(e.enterpriseId);
    expect(copy).toMatchObject({ tier: 'NATIONAL_LITTLE_GIANT', uscc: '91500111MA5U000001', version: 3 });
  });

  it('makes exactly one match per (round, mandate) whatever the order and re-delivery of the events', async () => {
    const { equity, repo } = setup();
    const e = anEnterprise({ industry: `int-${Date.now()}` });
    const fund: Principal = { userId: 'fo-1', role: 'FUND_OFFICER', orgId: `fund-${Date.now()}` };
    const owner: Principal = { userId: 'u-e', role: 'ENTERPRISE', orgId: e.enterpriseId };
    // Mandate and round events delivered concurrently, twice, then once more.
    await equity.onEnterprise({ ...e, uscc: '91500111MA5U000002' }, 1);
    const round = await equity.postRound(owner, { amount: 10_000_000, preMoneyValuation: 1e8, useOfFunds: '研发' });
    const mandate = await equity.publishMandate(fund, {
      name: '方向',
      minTicket: 1_000_000,
      maxTicket: 20_000_000,
      eligibleTiers: [],
      industries: [e.industry],
      stages: [],
    });
    const roundEvent = (await models.Round.findById(round.id).lean().exec())!.outbox[0]!;
    const mandateEvent = (await models.Mandate.findById(mandate.id).lean().exec())!.outbox[0]!;
    const onRound = () => equity.onRound((roundEvent.data as { round: Parameters<typeof equity.onRound>[0] }).round, 1);
    const onMandate = () => equity.onMandate((mandateEvent.data as { mandate: Parameters<typeof equity.onMandate>[0] }).mandate);
    await Promise.all([onMandate(), onRound(), onMandate(), onRound()]);
    await onRound();
    const matches = await repo.matches.findMany({ roundId: round.id });
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ _id: fundMatchIdOf(round.id, mandate.id), status: 'PROPOSED', fundId: fund.orgId, version: 1 });

    // Another fund's officer may not answer; the answer is an event.
    await expect(
      equity.respond({ userId: 'x', role: 'FUND_OFFICER', orgId: 'other-fund' }, matches[0]!._id, true, null),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const answered = await equity.respond(fund, matches[0]!._id, false, '不符合');
    expect(answered.status).toBe('DECLINED');
    const doc = await models.Match.findById(matches[0]!._id).lean().exec();
    expect(doc!.outbox.map((x) => x.type)).toEqual(['fund-match.proposed', 'fund-match.responded']);
  });

  it('reconciles the rounds when an enterprise event comes again after a crash between saving the copy and matching', async () => {
    const { equity } = setup();
    const e = anEnterprise({ industry: `crash-${Date.now()}`, tier: 'NONE' });
    const fund: Principal = { userId: 'fo-2', role: 'FUND_OFFICER', orgId: `fund-crash-${Date.now()}` };
    await equity.onEnterprise({ ...e, uscc: '91500111MA5U000003' }, 1);
    const round = await equity.postRound(
      { userId: 'u-e2', role: 'ENTERPRISE', orgId: e.enterpriseId },
      { amount: 10_000_000, preMoneyValuation: 1e8, useOfFunds: '扩产' },
    );
    const mandate = await equity.publishMandate(fund, {
      name: '专精特新',
      minTicket: 1_000_000,
      maxTicket: 20_000_000,
      eligibleTiers: ['MUNICIPAL_SRDI'],
      industries: [e.industry],
      stages: [],
    });
    const roundEvent = (await models.Round.findById(round.id).lean().exec())!.outbox[0]!;
    const mandateEvent = (await models.Mandate.findById(mandate.id).lean().exec())!.outbox[0]!;
    await equity.onRound((roundEvent.data as { round: Parameters<typeof equity.onRound>[0] }).round, 1);
    await equity.onMandate((mandateEvent.data as { mandate: Parameters<typeof equity.onMandate>[0] }).mandate);
    const { repo } = setup();
    expect(await repo.matches.findMany({ roundId: round.id })).toEqual([]); // not certified yet
    // The certification's first delivery saved the copy and died; a restarted service gets it again.
    const certified = { ...e, tier: 'MUNICIPAL_SRDI' as const };
    expect(await enterpriseDirectory(repo, 0).save(certified, 2)).toBe(true);
    const restarted = setup();
    await restarted.equity.load();
    await restarted.equity.onEnterprise(certified, 2);
    expect((await repo.matches.findMany({ roundId: round.id })).map((m) => m.mandateId)).toEqual([mandate.id]);
  });

  it('leaves exactly `capacity` participants when enterprises race for the last seat', async () => {
    const { equity, roadshows } = setup();
    const ents = Array.from({ length: 8 }, () => anEnterprise());
    for (const e of ents) await equity.onEnterprise({ ...e, uscc: '91500111MA5U000003' }, 1);
    const r = await roadshows.schedule(admin, {
      title: '路演',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      industries: [],
      capacity: 3,
    });
    const results = await Promise.allSettled(
      ents.map((e) => roadshows.join({ userId: `u-${e.enterpriseId}`, role: 'ENTERPRISE', orgId: e.enterpriseId }, r.id, '项目介绍')),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(3);
    for (const x of results) if (x.status === 'rejected') expect(x.reason).toMatchObject({ code: 'CONFLICT' });
    const doc = await models.Roadshow.findById(r.id).lean().exec();
    expect(doc!.participants).toHaveLength(3);
    expect(doc!.version).toBe(4);
    expect(doc!.outbox.map((x) => x.type)).toEqual(['roadshow.scheduled', 'roadshow.joined', 'roadshow.joined', 'roadshow.joined']);
  });
});
