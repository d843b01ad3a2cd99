import { connectDatabase, type Connection } from '@yinqi/db';
import { createLogger } from '@yinqi/logger';
import { freshDatabaseName, infraUrls } from '@yinqi/testing';
import { matchingModels, type MatchingModels } from '../data/models';
import { matchingRepository } from '../data/repository';
import { aDemand, aProduct, anEnterprise } from './factories';
import { Matcher } from './matcher';
import { matchingUseCases } from './matching';

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
  const uc = matchingUseCases({ repo, matcher, logger: createLogger('test', 'silent'), published: () => undefined, guaranteeFeeTarget: () => 1 });
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
    const { ids, uc, repo } = setup();
    let target = 1;
    const priced = matchingUseCases({ repo, matcher: new Matcher(), logger: createLogger('test', 'silent'), published: () => undefined, guaranteeFeeTarget: () => target, onPolicyTarget: (t) => (target = t) });
    await priced.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await priced.onProduct(aProduct({ productId: ids.p }), 1);
    await priced.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e, needsGuarantee: true }), 1);
    const [m] = await models.Match.find({ demandId: ids.d }).lean().exec();
    await models.Match.collection.updateOne({ _id: m!._id } as never, { $set: { status: 'OFFERED', offer: { amount: 5_000_000, annualRate: 3.5, termMonths: 12, conditions: null, offeredAt: new Date() } } } as never);
    const rate = async () => priced.toDto((await repo.findMatch(m!._id))!).offer!.allInAnnualRate;
    expect(await rate()).toBeCloseTo(4.5, 9);
    await priced.onPolicy({ guaranteeFeeRateCap: 1.5, guaranteeFeeRateTarget: 0.8, riskShareGuarantor: 50, riskShareBank: 20, riskShareGovernment: 30, bankResponseSlaHours: 72, bridgeRequestWindowDays: 20, bridgeMaxWorkingDays: 7 }, 1_000_000 + n);
    expect(await rate()).toBeCloseTo(4.3, 9);
    await priced.onGuaranteeSelected(m!._id, 0.6);
    expect(await rate()).toBeCloseTo(4.1, 9);
  });

  it('reloads its in-memory matcher from its own copies', async () => {
    const { ids, uc, repo } = setup();
    await uc.onEnterprise(anEnterprise({ enterpriseId: ids.e }), 1);
    await uc.onProduct(aProduct({ productId: ids.p }), 1);
    await uc.onDemand(aDemand({ demandId: ids.d, enterpriseId: ids.e }), 1);
    const restarted = new Matcher();
    await matchingUseCases({ repo, matcher: restarted, logger: createLogger('test', 'silent'), published: () => undefined, guaranteeFeeTarget: () => 1 }).load();
    expect(restarted.product(ids.p)).toBeDefined();
    expect(restarted.demand(ids.d)).toBeDefined();
    expect(restarted.enterprise(ids.e)).toBeDefined();
  });
});
