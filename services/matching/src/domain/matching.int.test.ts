import { connectDatabase, type Connection } from '@yinqi/db';
import { createLogger } from '@yinqi/logger';
import { aDemand, aPolicy, aProduct, anEnterprise, freshDatabaseName, infraUrls } from '@yinqi/testing';
import { matchingModels, type MatchingModels } from '../data/models';
import { matchingRepository } from '../data/repository';
import { Matcher } from './matcher';
import { matchingUseCases } from './matching';
import { ResponseDeadlines } from './response-deadlines';

// The matching use cases against the real FerretDB: idempotency and event order.
let db: Connection;
let models: MatchingModels;

beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('matching') });
  models = matchingModels(db);
  await Promise.all(Object.values(models).map((m) => m.init()));
});
afterAll(() => db.close());

let n = 0;
/** A fresh service state over the shared database, with ids no other test uses. */
function setup() {
  n += 1;
  const ids = { e: `e-${n}-${Date.now()}`, d: `d-${n}-${Date.now()}`, p: `p-${n}-${Date.now()}`, p2: `p2-${n}-${Date.now()}` };
  const repo = matchingRepository(models);
  const matcher = new Matcher();
  const uc = matchingUseCases({
    repo,
    matcher,
    logger: createLogger('test', 'silent'),
    published: () => undefined,
    guaranteeFeeTarget: () => 1,
  });
  const matches = () => models.Match.find({ demandId: ids.d }).lean().exec();
  return { ids, repo, matcher, uc, matches };
}

describe('matching use cases on the real database', () => {
  it('creates exactly one match per (demand, product) when the same event arrives twice, even concurrently', async () => {
    const { ids, uc, matches } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onProduct(aProduct({ productId: ids.p2, annualRateMin: 4 }), 1);
    const posted = aDemand({ demandId: ids.d, enterpriseId: ids.e });
    await Promise.all([uc.onDemand(posted, 1), uc.onDemand(posted, 1)]);
    await uc.onDemand(posted, 1);
    const ms = await matches();
    expect(ms.map((m) => m.productId).sort()).toEqual([ids.p, ids.p2].sort());
    expect(ms.every((m) => m.status === 'PROPOSED' && m.version === 1 && m.outbox.length === 1)).toBe(true);
  });

  it('ignores an older event that arrives after a newer one', async () => {
    const { ids, uc, matches } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    // The suspension (version 2) overtakes the publication (version 1).
    await uc.onProduct(aProduct({ productId: ids.p, status: 'SUSPENDED' }), 2);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e }), 1);
    expect(await matches()).toEqual([]);
  });

  it('matches a demand that arrived before its enterprise once the profile arrives', async () => {
    const { ids, uc, matches } = setup();
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e }), 1);
    expect(await matches()).toEqual([]);
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    expect((await matches()).map((m) => m.productId)).toEqual([ids.p]);
  });

  it('proposes the matches when an event comes again after a crash between saving its copy and writing the matches', async () => {
    // Found by `npm run chaos`: matching was killed (-9) right after saving a demand's copy; the
    // redelivered demand.posted (offset not committed) found the copy current and did nothing, so
    // the demand stayed without matches for good. Same shape for products and enterprises.
    const { ids, repo, uc, matches } = setup();
    const restarted = async () => {
      const again = matchingUseCases({
        repo,
        matcher: new Matcher(),
        logger: createLogger('test', 'silent'),
        published: () => undefined,
        guaranteeFeeTarget: () => 1,
      });
      await again.load();
      return again;
    };
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    const posted = aDemand({ demandId: ids.d, enterpriseId: ids.e });
    expect(await repo.saveDemand(posted, 1)).toBe(true); // the first delivery got this far
    await (await restarted()).onDemand(posted, 1);
    // (a restarted matcher knows every product in this shared database: look at this test's own)
    const mine = (ms: { productId: string }[]) =>
      ms
        .map((m) => m.productId)
        .filter((p) => p === ids.p || p === ids.p2)
        .sort();
    expect(mine(await matches())).toEqual([ids.p]);

    // A product whose copy was saved before the crash: its redelivery proposes it to the demand.
    const product2 = aProduct({ productId: ids.p2 });
    expect(await repo.saveProduct(product2, 1)).toBe(true);
    await (await restarted()).onProduct(product2, 1);
    expect(mine(await matches())).toEqual([ids.p, ids.p2].sort());

    // An enterprise whose profile copy was saved before the crash, with a demand that waited for it.
    const late = { e: `${ids.e}-late`, d: `${ids.d}-late` };
    await uc.onDemand(aDemand({ demandId: late.d, enterpriseId: late.e }), 1);
    expect(await repo.saveEnterprise(anEnterprise({ enterpriseId: late.e }), 1)).toBe(true);
    await (await restarted()).onEnterprise(anEnterprise({ enterpriseId: late.e }), 1);
    const lateMatches = await models.Match.find({ demandId: late.d }).lean().exec();
    expect(mine(lateMatches)).toEqual([ids.p, ids.p2].sort());
  });

  it('rejects the other matches from the demand status event when accept() died before rejecting them', async () => {
    // Found by `npm run chaos`: matching was killed after an acceptance was written and before the
    // demand's other matches were rejected; the client saw its match ACCEPTED and never asked again,
    // and the other banks' matches stayed PROPOSED for good.
    const { ids, uc, matches } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onProduct(aProduct({ productId: ids.p2, bankId: 'bank-2' }), 1);
    const posted = aDemand({ demandId: ids.d, enterpriseId: ids.e });
    await uc.onDemand(posted, 1);
    const [a, b] = await matches();
    // What the acceptance wrote before the crash: the match ACCEPTED (and its event), nothing else.
    await models.Match.updateOne({ _id: a!._id }, { $set: { status: 'ACCEPTED' }, $inc: { version: 1 } }).exec();
    expect((await matches()).find((m) => m._id === b!._id)!.status).toBe('PROPOSED');
    // The restarted service hears from the enterprise service that the demand is ACCEPTED.
    const restarted = matchingUseCases({
      repo: matchingRepository(models),
      matcher: new Matcher(),
      logger: createLogger('test', 'silent'),
      published: () => undefined,
      guaranteeFeeTarget: () => 1,
    });
    await restarted.load();
    await restarted.onDemand({ ...posted, status: 'ACCEPTED' }, 2);
    const after = await matches();
    expect(after.find((m) => m._id === a!._id)!.status).toBe('ACCEPTED');
    expect(after.find((m) => m._id === b!._id)).toMatchObject({ status: 'REJECTED', version: 2 });
  });

  it('withdraws a match that stops being eligible, and re-proposes the same match when it fits again', async () => {
    const { ids, uc, matches } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: true }), 1);
    await uc.onProduct(aProduct({ productId: ids.p, requiresWhitelist: true }), 1);
    await uc.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e }), 1);
    const [first] = await matches();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: false }), 2);
    const [withdrawn] = await matches();
    expect(withdrawn).toMatchObject({ _id: first!._id, status: 'WITHDRAWN', version: 2 });
    // A replay of the older profile changes nothing.
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: true }), 1);
    expect((await matches())[0]!.status).toBe('WITHDRAWN');
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: true }), 3);
    const [back] = await matches();
    expect(back).toMatchObject({ _id: first!._id, status: 'PROPOSED', version: 3 });
    expect(back!.outbox.map((e: { type: string }) => e.type)).toEqual(['match.proposed', 'match.withdrawn', 'match.proposed']);
  });

  it('prices allInAnnualRate with the selected quote, else the policy target, for guaranteed matches', async () => {
    const { ids, repo } = setup();
    let target = 1;
    const priced = matchingUseCases({
      repo,
      matcher: new Matcher(),
      logger: createLogger('test', 'silent'),
      published: () => undefined,
      guaranteeFeeTarget: () => target,
      onPolicyTarget: (t) => (target = t),
    });
    await priced.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await priced.onProduct(aProduct({ productId: ids.p }), 1);
    await priced.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e, needsGuarantee: true }), 1);
    const [m] = await models.Match.find({ demandId: ids.d }).lean().exec();
    await models.Match.collection.updateOne(
      { _id: m!._id } as never,
      {
        $set: { status: 'OFFERED', offer: { amount: 5_000_000, annualRate: 3.5, termMonths: 12, conditions: null, offeredAt: new Date() } },
      } as never,
    );
    const rate = async () => priced.toDto((await repo.findMatch(m!._id))!).offer!.allInAnnualRate;
    expect(await rate()).toBeCloseTo(4.5, 9);
    await priced.onPolicy(aPolicy({ guaranteeFeeRateTarget: 0.8 }), 1_000_000 + n);
    expect(await rate()).toBeCloseTo(4.3, 9);
    await priced.onGuaranteeSelected(m!._id, 0.6);
    expect(await rate()).toBeCloseTo(4.1, 9);
  });

  it('gives each match its response deadline from its copies of the SLA and the working calendar, and follows a change', async () => {
    const { ids, repo } = setup();
    const deadlines = new ResponseDeadlines(repo);
    const uc = matchingUseCases({
      repo,
      matcher: new Matcher(),
      logger: createLogger('test', 'silent'),
      published: () => undefined,
      guaranteeFeeTarget: () => 1,
      responseDeadline: (at) => deadlines.deadlineOf(at),
      onDeadlineRules: () => void deadlines.reload(),
    });
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e }), 1);
    const [m] = await models.Match.find({ demandId: ids.d }).lean().exec();
    // Made on Wednesday 30 Sep 2026, 10:00 Beijing, the eve of 国庆.
    await models.Match.collection.updateOne(
      { _id: m!._id } as never,
      { $set: { createdAt: new Date('2026-09-30T02:00:00.000Z') } } as never,
    );
    const deadline = async () => uc.toDto((await repo.findMatch(m!._id))!).responseDeadline;
    const version = 2_000_000 + n;
    await uc.onPolicy(aPolicy({ bankResponseSlaBasis: 'WORKING_DAYS' }), version);
    await deadlines.reload();
    expect(await deadline()).toBe('2026-10-10T16:00:00.000Z'); // 8, 9, 10 Oct (a 调休 Saturday)
    await uc.onCalendar({ years: [{ year: 2026, holidays: [{ date: '2026-10-01', name: '国庆节' }], makeUpWorkdays: [] }] }, version);
    await uc.onCalendar({ years: [] }, version - 1); // older: ignored
    await deadlines.reload();
    expect(await deadline()).toBe('2026-10-06T16:00:00.000Z'); // 2, 5, 6 Oct
  });

  it('reloads its in-memory matcher from its own copies', async () => {
    const { ids, uc, repo } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e }), 1);
    const restarted = new Matcher();
    await matchingUseCases({
      repo,
      matcher: restarted,
      logger: createLogger('test', 'silent'),
      published: () => undefined,
      guaranteeFeeTarget: () => 1,
    }).load();
    expect(restarted.product(ids.p)).toBeDefined();
    expect(restarted.demand(ids.d)).toBeDefined();
    expect(restarted.enterprise(ids.e)).toBeDefined();
  });

  it('keeps its match index in step with the store: re-delivery, withdrawal, and a rebuild at start', async () => {
    const { ids, uc, repo, matches } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: true }), 1);
    await uc.onProduct(aProduct({ productId: ids.p, requiresWhitelist: true }), 1);
    await uc.onProduct(aProduct({ productId: ids.p2 }), 1);
    const posted = aDemand({ demandId: ids.d, enterpriseId: ids.e });
    await uc.onDemand(posted, 1);
    // Re-delivery (twice, concurrently) neither duplicates documents nor index entries.
    await Promise.all([uc.onDemand(posted, 1), uc.onProduct(aProduct({ productId: ids.p2 }), 1)]);
    const indexed = () =>
      repo.index
        .ofDemand(ids.d)
        .map((e) => `${e.productId}:${e.status}`)
        .sort();
    expect(indexed()).toEqual([`${ids.p}:PROPOSED`, `${ids.p2}:PROPOSED`].sort());
    expect((await repo.matchesOfDemand(ids.d)).map((m) => m._id).sort()).toEqual((await matches()).map((m) => m._id).sort());
    // Losing the white list withdraws the white-list product's match: the index follows.
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: false }), 2);
    expect(indexed()).toEqual([`${ids.p}:WITHDRAWN`, `${ids.p2}:PROPOSED`].sort());
    expect((await repo.matchesOfProduct(ids.p, ['PROPOSED', 'INTERESTED'])).length).toBe(0);
    // A fresh process rebuilds the same index from the store alone.
    const restarted = matchingRepository(models);
    expect(await restarted.loadIndex()).toBeGreaterThanOrEqual(2);
    const again = restarted.index
      .ofDemand(ids.d)
      .map((e) => `${e.productId}:${e.status}`)
      .sort();
    expect(again).toEqual(indexed());
    const stored = await matches();
    for (const e of restarted.index.ofDemand(ids.d)) {
      const doc = stored.find((m) => m._id === e.id)!;
      expect(e).toMatchObject({ bankId: doc.bankId, createdAt: new Date(doc.createdAt).getTime() });
    }
    // Re-evaluation in the restarted process finds the existing matches through the index: nothing new.
    const uc2 = matchingUseCases({
      repo: restarted,
      matcher: new Matcher(),
      logger: createLogger('test', 'silent'),
      published: () => undefined,
      guaranteeFeeTarget: () => 1,
    });
    await uc2.load();
    await uc2.onEnterprise(anEnterprise({ enterpriseId: ids.e, whitelisted: false, employees: 12 }), 3);
    // (The restarted matcher also holds the earlier tests' products of this database: only ours are compared.)
    expect(
      (await matches())
        .filter((m) => [ids.p, ids.p2].includes(m.productId))
        .map((m) => `${m.productId}:${m.status}:${m.version}`)
        .sort(),
    ).toEqual([`${ids.p}:WITHDRAWN:2`, `${ids.p2}:PROPOSED:1`].sort());
  });

  it('pages a bank inbox from the index, newest first, with status filter and totals', async () => {
    const { ids, uc, repo } = setup();
    const bank = `bank-${ids.p}`;
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p, bankId: bank }), 1);
    const demandIds = [0, 1, 2, 3, 4].map((i) => `${ids.d}-${i}`);
    for (const d of demandIds) await uc.onDemand(aDemand({ demandId: d, enterpriseId: ids.e }), 1);
    const officer = { role: 'BANK_OFFICER', orgId: bank, userId: 'u1' } as Parameters<typeof uc.bankMatches>[0];
    const first = await uc.bankMatches(officer, undefined, { first: 3 });
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await uc.bankMatches(officer, undefined, { first: 3, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...second.edges].map((e) => e.node);
    expect(all.map((m) => m.demandId).sort()).toEqual([...demandIds].sort());
    const order = all.map((m) => [Date.parse(m.createdAt), m.id] as const);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || (b[1] > a[1] ? 1 : -1)));
    await uc.respond(officer, all[0]!.id, true, null);
    const interested = await uc.bankMatches(officer, 'INTERESTED', {});
    expect(interested.totalCount).toBe(1);
    expect(interested.edges.map((e) => e.node.id)).toEqual([all[0]!.id]);
    expect((await repo.findMatch(all[0]!.id))!.status).toBe('INTERESTED');
  });
});
