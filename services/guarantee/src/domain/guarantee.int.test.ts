import type { Principal } from '@yinqi/auth';
import type { EventEnvelope, MatchSnapshot } from '@yinqi/contracts';
import { connectDatabase, type Connection } from '@yinqi/db';
import { createLogger } from '@yinqi/logger';
import { OutboxRelay, type EventPublisher, type OutboxDocument } from '@yinqi/events';
import { freshDatabaseName, infraUrls, waitFor } from '@yinqi/testing';
import { guaranteeModels, type GuaranteeModels } from '../data/models';
import { guaranteeRepository } from '../data/repository';
import { policyUseCases } from './policies';
import { REQUESTS_COLLECTION, requestIdOf } from './records';
import { requestUseCases } from './requests';
import { workingCalendarUseCases } from './working-calendar';

// The guarantee use cases against the real FerretDB: idempotency, quote replacement, expiry, policy history.
let db: Connection;
let models: GuaranteeModels;

beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('guarantee') });
  models = guaranteeModels(db);
  await Promise.all(Object.values(models).map((m) => m.init()));
});
afterAll(() => db.close());

let n = 0;
const aMatch = (o: Partial<MatchSnapshot> = {}): MatchSnapshot => {
  n += 1;
  return {
    matchId: `m-${n}-${Date.now()}`,
    demandId: `d-${n}`,
    enterpriseId: `e-${n}`,
    productId: `p-${n}`,
    bankId: `b-${n}`,
    score: 80,
    status: 'ACCEPTED',
    offer: { amount: 4_000_000, annualRate: 3.6, termMonths: 12, conditions: null },
    amount: 5_000_000,
    needsGuarantee: true,
    createdAt: new Date().toISOString(),
    ...o,
  };
};

function setup(clock = { t: Date.now() }) {
  const repo = guaranteeRepository(models);
  const logger = createLogger('test', 'silent');
  const now = () => new Date(clock.t);
  const policies = policyUseCases({ repo, logger, published: () => undefined, now });
  const requests = requestUseCases({ repo, logger, published: () => undefined, policy: policies.current, ttlHours: 1, now });
  return { repo, policies, requests, clock };
}

const guarantor = (orgId: string): Principal => ({ userId: `u-${orgId}`, role: 'GUARANTOR_OFFICER', orgId });

describe('guarantee use cases on the real database', () => {
  it('opens exactly one request per accepted match, whatever re-delivery, and none when no guarantee is needed', async () => {
    const { requests } = setup();
    const m = aMatch();
    await Promise.all([requests.onMatchAccepted(m, 5), requests.onMatchAccepted(m, 5)]);
    await requests.onMatchAccepted(m, 5);
    const docs = await models.Request.find({ matchId: m.matchId }).lean().exec();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ _id: requestIdOf(m.matchId), status: 'OPEN', amount: 4_000_000, version: 1 });
    expect(docs[0]!.outbox.map((e) => e.type)).toEqual(['guarantee.request-opened']);

    const plain = aMatch({ needsGuarantee: false });
    await requests.onMatchAccepted(plain, 5);
    expect(await models.Request.countDocuments({ matchId: plain.matchId })).toBe(0);
  });

  it('replaces a guarantor’s earlier quote, refuses one above the cap, and lets the owner select once', async () => {
    const { requests, policies } = setup();
    await policies.ensure();
    const m = aMatch();
    await requests.onMatchAccepted(m, 5);
    const id = requestIdOf(m.matchId);
    const first = await requests.submitQuote(guarantor('g1'), id, { feeRate: 1.2, coverageRatio: 80 });
    const second = await requests.submitQuote(guarantor('g1'), id, { feeRate: 0.9, coverageRatio: 80, conditions: '反担保' });
    const rival = await requests.submitQuote(guarantor('g2'), id, { feeRate: 1.0, coverageRatio: 70 });
    await expect(requests.submitQuote(guarantor('g3'), id, { feeRate: 1.6, coverageRatio: 70 })).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
    });

    const owner: Principal = { userId: 'u-e', role: 'ENTERPRISE', orgId: m.enterpriseId };
    const seen = await requests.get(owner, id);
    expect(seen.quotes.map((q) => q.id).sort()).toEqual([second.id, rival.id].sort());
    expect((await requests.get(guarantor('g2'), id)).quotes.map((q) => q.id)).toEqual([rival.id]);
    await expect(requests.selectQuote(owner, first.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requests.selectQuote({ ...owner, orgId: 'someone-else' }, second.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const selected = await requests.selectQuote(owner, second.id);
    expect(selected).toMatchObject({ status: 'SELECTED', selectedQuote: { id: second.id, feeRate: 0.9 } });
    expect(selected.match.offer?.allInAnnualRate).toBeCloseTo(4.5, 6);
    expect((await requests.selectQuote(owner, second.id)).status).toBe('SELECTED');
    await expect(requests.selectQuote(owner, rival.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(requests.submitQuote(guarantor('g4'), id, { feeRate: 1, coverageRatio: 70 })).rejects.toMatchObject({ code: 'CONFLICT' });

    // g1 still lists the request after it left OPEN; g5 (never quoted) does not.
    const listed = await requests.list(guarantor('g1'), 'SELECTED', { first: 100 });
    expect(listed.edges.map((e) => e.node.id)).toContain(id);
    const other = await requests.list(guarantor('g5'), 'SELECTED', { first: 100 });
    expect(other.edges.map((e) => e.node.id)).not.toContain(id);
  });

  it('carries its own copy of the demand, whichever of the demand and match events comes first', async () => {
    const { requests } = setup();
    const m = aMatch();
    const demand = {
      demandId: m.demandId,
      enterpriseId: m.enterpriseId,
      amount: 5_000_000,
      termMonths: 12,
      purpose: 'RND' as const,
      collateral: 'IP_PLEDGE' as const,
      maxAnnualRate: null,
      needsGuarantee: true,
      status: 'OPEN' as const,
      createdAt: new Date().toISOString(),
    };
    await requests.onDemand(demand, 1);
    await requests.onMatchAccepted(m, 5);
    const owner: Principal = { userId: 'u', role: 'ENTERPRISE', orgId: m.enterpriseId };
    expect((await requests.get(owner, requestIdOf(m.matchId))).demand).toMatchObject({ purpose: 'RND', status: 'OPEN' });
    await requests.onDemand({ ...demand, status: 'ACCEPTED' }, 3);
    await requests.onDemand({ ...demand, status: 'MATCHED' }, 2);
    expect((await requests.get(owner, requestIdOf(m.matchId))).demand).toMatchObject({ status: 'ACCEPTED' });

    const late = aMatch();
    await requests.onMatchAccepted(late, 5);
    expect((await requests.get({ ...owner, orgId: late.enterpriseId }, requestIdOf(late.matchId))).demand).toBeNull();
    await requests.onDemand({ ...demand, demandId: late.demandId, enterpriseId: late.enterpriseId, status: 'ACCEPTED' }, 4);
    expect((await requests.get({ ...owner, orgId: late.enterpriseId }, requestIdOf(late.matchId))).demand).toMatchObject({
      demandId: late.demandId,
    });
  });

  it('closes the request when its match is withdrawn, ignoring an older event', async () => {
    const { requests } = setup();
    const m = aMatch();
    await requests.onMatchAccepted(m, 5);
    await requests.onMatchGone({ ...m, status: 'WITHDRAWN' }, 4, 'match withdrawn');
    expect((await models.Request.findById(requestIdOf(m.matchId)).lean().exec())!.status).toBe('OPEN');
    await requests.onMatchGone({ ...m, status: 'WITHDRAWN' }, 6, 'match withdrawn');
    await requests.onMatchGone({ ...m, status: 'WITHDRAWN' }, 6, 'match withdrawn');
    const doc = (await models.Request.findById(requestIdOf(m.matchId)).lean().exec())!;
    expect(doc).toMatchObject({ status: 'CLOSED', closedReason: 'match withdrawn', version: 2 });
    expect(doc.outbox.map((e) => e.type)).toEqual(['guarantee.request-opened', 'guarantee.request-closed']);
  });

  it('expires OPEN requests after the TTL once, even with two sweeps racing, and leaves selected ones alone', async () => {
    const clock = { t: Date.now() };
    const { requests, policies } = setup(clock);
    await policies.ensure();
    const open = aMatch();
    const chosen = aMatch();
    await requests.onMatchAccepted(open, 5);
    await requests.onMatchAccepted(chosen, 5);
    const q = await requests.submitQuote(guarantor('g1'), requestIdOf(chosen.matchId), { feeRate: 1, coverageRatio: 80 });
    await requests.selectQuote({ userId: 'u', role: 'ENTERPRISE', orgId: chosen.enterpriseId }, q.id);

    await requests.expireDue();
    expect((await models.Request.findById(requestIdOf(open.matchId)).lean().exec())!.status).toBe('OPEN');
    clock.t += 3_600_000 + 1;
    await Promise.all([requests.expireDue(), requests.expireDue()]);
    const expired = (await models.Request.findById(requestIdOf(open.matchId)).lean().exec())!;
    expect(expired).toMatchObject({ status: 'CLOSED', version: 2 });
    expect(expired.outbox.filter((e) => e.type === 'guarantee.request-closed')).toHaveLength(1);
    expect((await models.Request.findById(requestIdOf(chosen.matchId)).lean().exec())!.status).toBe('SELECTED');
  });

  it('keeps the policy history and emits policy.changed on every change', async () => {
    const { policies, repo } = setup();
    await Promise.all([policies.ensure(), policies.ensure()]);
    const centre: Principal = { userId: 'u-fc', role: 'FINANCE_CENTER' };
    const before = await repo.findPolicy('policy');
    const changed = await policies.set(centre, { riskShareGuarantor: 40, riskShareGovernment: 40 });
    expect(changed).toMatchObject({ riskShareGuarantor: 40, riskShareBank: 20, riskShareGovernment: 40 });
    expect(changed.history![0]).toMatchObject({
      changedBy: 'u-fc',
      changes: [
        { field: 'riskShareGuarantor', from: 50, to: 40 },
        { field: 'riskShareGovernment', from: 30, to: 40 },
      ],
    });
    await expect(policies.set(centre, { riskShareBank: 30 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(policies.set({ userId: 'x', role: 'BANK_OFFICER', orgId: 'b' }, { bankResponseSlaHours: 24 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const after = (await models.Policy.findById('policy').lean().exec())!;
    expect(after.version).toBe(before!.version + 1);
    expect(after.outbox.at(-1)).toMatchObject({ type: 'policy.changed', version: after.version, data: { changedBy: 'u-fc' } });
    expect((await policies.get({ userId: 'x', role: 'ENTERPRISE', orgId: 'e' })).history).toBeUndefined();
  });

  it('creates the working calendar with the official 2026 schedule once, and lets only the finance centre replace a year, announced as calendar.changed', async () => {
    const repo = guaranteeRepository(models);
    const calendar = workingCalendarUseCases({ repo, logger: createLogger('test', 'silent'), published: () => undefined });
    await Promise.all([calendar.ensure(), calendar.ensure()]);
    const created = (await models.WorkingCalendar.findById('working-calendar').lean().exec())!;
    expect(created.version).toBe(1);
    expect(created.outbox.map((e) => e.type)).toEqual(['calendar.changed']);
    expect(await calendar.get(2026)).toMatchObject({ year: 2026, maintained: true, workingDays: 248, updatedBy: 'system' });
    expect(await calendar.get(2027)).toMatchObject({ maintained: false, holidays: [], workingDays: 261 });

    const centre: Principal = { userId: 'u-fc', role: 'FINANCE_CENTER' };
    const year2030 = {
      year: 2030,
      holidays: [
        { date: '2030-10-02', name: '国庆节' },
        { date: '2030-10-01', name: '国庆节' },
      ],
      makeUpWorkdays: [{ date: '2030-09-29', name: '国庆节调休上班' }],
    };
    const saved = await calendar.setYear(centre, year2030);
    // Days come back in date order; 2030-09-29 is a Sunday worked, 1–2 Oct weekdays off: 261 − 2 + 1.
    expect(saved).toMatchObject({
      year: 2030,
      maintained: true,
      workingDays: 260,
      updatedBy: 'u-fc',
      holidays: [{ date: '2030-10-01' }, { date: '2030-10-02' }],
    });
    const after = (await models.WorkingCalendar.findById('working-calendar').lean().exec())!;
    expect(after.version).toBe(2);
    expect(after.outbox.at(-1)).toMatchObject({ type: 'calendar.changed', version: 2, data: { year: 2030, changedBy: 'u-fc' } });
    expect((after.outbox.at(-1)!.data as { calendar: { years: { year: number }[] } }).calendar.years.map((y) => y.year)).toEqual([
      2026, 2030,
    ]);
    // The same year again changes nothing; a bad year writes nothing; only the finance centre writes.
    await calendar.setYear(centre, year2030);
    await expect(
      calendar.setYear(centre, { year: 2030, holidays: [{ date: '2030-02-30', name: '春节' }], makeUpWorkdays: [] }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      calendar.setYear(centre, { year: 2030, holidays: [], makeUpWorkdays: [{ date: '2030-10-08', name: '调休' }] }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(calendar.setYear({ userId: 'x', role: 'BANK_OFFICER', orgId: 'b' }, year2030)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await models.WorkingCalendar.findById('working-calendar').lean().exec())!.version).toBe(2);
  });

  it('keeps every one of N concurrent quotes on one request while the shared outbox relay runs (no lost update)', async () => {
    const { requests, policies } = setup();
    await policies.ensure();
    const m = aMatch();
    await requests.onMatchAccepted(m, 5);
    const id = requestIdOf(m.matchId);
    const seen: EventEnvelope[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void seen.push(...events) } as unknown as EventPublisher;
    // Polls every 2 ms and removes published events as soon as a document looks quiet: as many
    // overlaps with the quotes' writes as it can make.
    const relay = new OutboxRelay({
      collections: [db.db!.collection<OutboxDocument>(REQUESTS_COLLECTION)],
      publisher,
      logger: createLogger('test', 'silent'),
      pollIntervalMs: 2,
      cleanupDelayMs: 0,
    });
    const N = 12;
    relay.start();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: N }, (_, i) => {
          relay.kick();
          // As the service does: a kick after each write, so its event is looked for (the periodic
          // safety-net scan is minutes apart).
          return requests.submitQuote(guarantor(`g-${i}`), id, { feeRate: 0.5 + i / 100, coverageRatio: 80 }).finally(() => relay.kick());
        }),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      await waitFor(async () => (await models.Request.findById(id).lean().exec())!.outbox.length === 0, { message: 'the outbox to drain' });
    } finally {
      await relay.stop();
    }
    const stored = (await models.Request.findById(id).lean().exec())!;
    expect(stored.version).toBe(1 + N);
    expect(stored.quotes).toHaveLength(N);
    expect(stored.guarantorIds.sort()).toEqual(Array.from({ length: N }, (_, i) => `g-${i}`).sort());
    const versions = new Set(seen.filter((e) => e.key === id).map((e) => e.version));
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: N + 1 }, (_, i) => i + 1));
  });
});
