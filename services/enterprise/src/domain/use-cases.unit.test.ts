import type { Principal } from '@yinqi/auth';
import type { EventEnvelope, MatchSnapshot, MatchStatus } from '@yinqi/contracts';
import { registeredProfile } from '@yinqi/testing';
import type { DemandRecord, EnterpriseRecord } from './records';
import type { EnterpriseRepository } from './repository';
import { demandUseCases } from './demands';
import { enterpriseUseCases } from './enterprises';

/** The state behind the in-memory repository, and the conditional write both aggregates share. */
function memoryState() {
  const enterprises = new Map<string, EnterpriseRecord>();
  const demands = new Map<string, DemandRecord>();
  /** Makes the next conditional write on an id lose its race once, as if another replica wrote first. */
  const loseNextRace = new Set<string>();
  const copy = <T>(x: T): T => structuredClone(x);
  const strip = <T extends { outbox: unknown }>(x: T) => {
    const { outbox: _outbox, ...rest } = copy(x);
    return rest;
  };
  /** Applies `set` only at the expected version (and not when a race is to be lost); the written record, or undefined. */
  const writeIfVersion = <T extends { version: number }>(records: Map<string, T>, id: string, expectedVersion: number, set: object) => {
    const r = records.get(id);
    if (!r || r.version !== expectedVersion || loseNextRace.delete(id)) return undefined;
    Object.assign(r, copy(set), { version: expectedVersion + 1 });
    return r;
  };
  return { enterprises, demands, loseNextRace, copy, strip, writeIfVersion };
}
type MemoryState = ReturnType<typeof memoryState>;

type EnterpriseMethods =
  | 'findEnterprise'
  | 'findEnterprises'
  | 'pageEnterprises'
  | 'projectRegistration'
  | 'updateEnterprise'
  | 'addEnterpriseRelation';

function enterpriseMethods({ enterprises, strip, writeIfVersion }: MemoryState): Pick<EnterpriseRepository, EnterpriseMethods> {
  return {
    findEnterprise: async (id) => (enterprises.has(id) ? strip(enterprises.get(id)!) : null),
    findEnterprises: async (ids) => ids.filter((id) => enterprises.has(id)).map((id) => strip(enterprises.get(id)!)),
    pageEnterprises: async () => {
      throw new Error('not used in unit tests');
    },
    async projectRegistration(reg, version, at) {
      const e = enterprises.get(reg.enterpriseId);
      if (e && e.version >= version) return false;
      enterprises.set(reg.enterpriseId, {
        _id: reg.enterpriseId,
        name: reg.name,
        uscc: reg.uscc,
        industry: reg.industry,
        town: reg.town,
        ...registeredProfile(),
        certifications: [],
        bankIds: [],
        guarantorIds: [],
        createdAt: at,
        version,
        outbox: [],
      });
      return true;
    },
    async updateEnterprise(id, expectedVersion, change) {
      const e = writeIfVersion(enterprises, id, expectedVersion, change.set);
      if (!e) return false;
      e.outbox.push(change.event);
      if (change.certification) e.certifications.push({ ...change.certification });
      return true;
    },
    async addEnterpriseRelation(id, field, institutionId) {
      const e = enterprises.get(id);
      if (e && !e[field].includes(institutionId)) e[field].push(institutionId);
    },
  };
}

function demandMethods({ demands, copy, strip, writeIfVersion }: MemoryState): Omit<EnterpriseRepository, EnterpriseMethods> {
  return {
    async insertDemand(d) {
      demands.set(d._id, copy(d));
    },
    findDemand: async (id) => (demands.has(id) ? strip(demands.get(id)!) : null),
    findDemands: async (ids) => ids.filter((id) => demands.has(id)).map((id) => strip(demands.get(id)!)),
    demandsOfEnterprise: async (enterpriseId, limit) =>
      [...demands.values()]
        .filter((d) => d.enterpriseId === enterpriseId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit)
        .map(strip),
    async updateDemand(id, expectedVersion, change) {
      const d = writeIfVersion(demands, id, expectedVersion, change.set);
      if (!d) return false;
      if (change.event) d.outbox.push(change.event);
      return true;
    },
    async addDemandGuarantor(id, guarantorId) {
      const d = demands.get(id);
      if (d && !d.guarantorIds.includes(guarantorId)) d.guarantorIds.push(guarantorId);
    },
  };
}

/** The repository's contract in memory: conditional writes on the version, events kept per aggregate. */
function inMemoryRepository() {
  const state = memoryState();
  const repo: EnterpriseRepository = { ...enterpriseMethods(state), ...demandMethods(state) };
  return { repo, enterprises: state.enterprises, demands: state.demands, loseNextRace: state.loseNextRace };
}

const REGISTRATION = {
  enterpriseId: 'e1',
  userId: 'u1',
  name: '重庆大足锶盐新材料有限公司',
  uscc: '91500111MA5U000000',
  industry: '新材料',
  town: '龙水镇',
};
const owner: Principal = { userId: 'u1', role: 'ENTERPRISE', orgId: 'e1' };
const otherEnterprise: Principal = { userId: 'u2', role: 'ENTERPRISE', orgId: 'e2' };
const financeCentre: Principal = { userId: 'fc1', role: 'FINANCE_CENTER' };
const aDemand = (over: Record<string, unknown> = {}) => ({
  amount: 5_000_000,
  termMonths: 12,
  purpose: 'WORKING_CAPITAL' as const,
  collateral: 'CREDIT' as const,
  needsGuarantee: false,
  ...over,
});

function setup(opts: { profileWaitMs?: number } = {}) {
  const store = inMemoryRepository();
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const now = () => new Date((clock += 1_000));
  let published = 0;
  const sleeps: number[] = [];
  const enterprises = enterpriseUseCases({
    repo: store.repo,
    published: () => (published += 1),
    profileWaitMs: opts.profileWaitMs ?? 5_000,
    now,
    // Returns at once; tests that wait make the profile appear after a few polls.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const demands = demandUseCases({ repo: store.repo, enterprises, published: () => (published += 1), now });
  return {
    repo: store.repo,
    enterpriseDocs: store.enterprises,
    demandDocs: store.demands,
    loseNextRace: store.loseNextRace,
    enterprises,
    demands,
    sleeps,
    published: () => published,
  };
}

const eventsOf = (doc: { outbox: EventEnvelope[] }) => doc.outbox.map((e) => ({ type: e.type, version: e.version }));

describe('enterprise profile', () => {
  it('starts at tier NONE, not whitelisted, from enterprise.registered, and ignores a re-delivery', async () => {
    const s = setup();
    expect(await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z')).toBe(true);
    expect(await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z')).toBe(false);
    expect(await s.enterprises.enterprise(owner, 'e1')).toMatchObject({
      id: 'e1',
      name: REGISTRATION.name,
      tier: 'NONE',
      whitelisted: false,
      annualRevenue: null,
    });
  });

  it('updates only the fields given, emits a full snapshot as version 2, and writes nothing for a no-op', async () => {
    const s = setup();
    await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z');
    const v = await s.enterprises.updateProfile(owner, { annualRevenue: 80_000_000, employees: 120 });
    expect(v).toMatchObject({ annualRevenue: 80_000_000, employees: 120, rdSuperDeductionFiled: null });
    const stored = s.enterpriseDocs.get('e1')!;
    expect(eventsOf(stored)).toEqual([{ type: 'enterprise.profile-updated', version: 2 }]);
    expect(stored.outbox[0]!.data).toMatchObject({
      enterprise: { enterpriseId: 'e1', name: REGISTRATION.name, industry: '新材料', annualRevenue: 80_000_000 },
    });

    await s.enterprises.updateProfile(owner, { employees: 120 });
    expect(s.enterpriseDocs.get('e1')!.outbox).toHaveLength(1);
    const cleared = await s.enterprises.updateProfile(owner, { employees: null });
    expect(cleared).toMatchObject({ annualRevenue: 80_000_000, employees: null });
  });

  it('waits for the registration when the profile is asked for right after sign-up', async () => {
    const s = setup();
    let polls = 0;
    const find = s.repo.findEnterprise.bind(s.repo);
    s.repo.findEnterprise = async (id) => {
      polls += 1;
      if (polls === 3) await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z');
      return find(id);
    };
    const d = await s.demands.postDemand(owner, aDemand());
    expect(d).toMatchObject({ enterpriseId: 'e1', status: 'OPEN' });
    expect(s.sleeps.length).toBeGreaterThanOrEqual(2);
  });

  it('gives up after the bounded wait with a retriable error and writes nothing', async () => {
    const s = setup({ profileWaitMs: 0 });
    await expect(s.demands.postDemand(owner, aDemand())).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retriable: true });
    expect(s.demandDocs.size).toBe(0);
  });

  it('is visible to the finance centre and itself only, until a bank gets a match', async () => {
    const s = setup();
    await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z');
    const bank: Principal = { userId: 'b', role: 'BANK_OFFICER', orgId: 'bank1' };
    await expect(s.enterprises.enterprise(bank, 'e1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.enterprises.enterprise(otherEnterprise, 'e1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.enterprises.enterprise(financeCentre, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await s.enterprises.enterprisesByIds(bank, ['e1'])).toEqual([]);
    await s.enterprises.recordBankRelation('e1', 'bank1');
    expect(await s.enterprises.enterprise(bank, 'e1')).toMatchObject({ id: 'e1' });
    expect(await s.enterprises.enterprisesByIds(bank, ['e1', 'nope'])).toHaveLength(1);
  });
});

describe('certification (梯度培育库 / 白名单)', () => {
  it('is for the finance centre only, keeps a history entry and emits enterprise.certified', async () => {
    const s = setup();
    await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z');
    await expect(s.enterprises.certify(owner, 'e1', { tier: 'SINGLE_CHAMPION', whitelisted: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await s.enterprises.certify(financeCentre, 'e1', { tier: 'MUNICIPAL_SRDI', whitelisted: false });
    const v = await s.enterprises.certify(financeCentre, 'e1', { tier: 'NATIONAL_LITTLE_GIANT', whitelisted: true });
    expect(v).toMatchObject({ tier: 'NATIONAL_LITTLE_GIANT', whitelisted: true });
    const stored = s.enterpriseDocs.get('e1')!;
    expect(stored.certifications).toEqual([
      { tier: 'MUNICIPAL_SRDI', whitelisted: false, by: 'fc1', at: expect.any(Date) },
      { tier: 'NATIONAL_LITTLE_GIANT', whitelisted: true, by: 'fc1', at: expect.any(Date) },
    ]);
    expect(eventsOf(stored)).toEqual([
      { type: 'enterprise.certified', version: 2 },
      { type: 'enterprise.certified', version: 3 },
    ]);
    expect(stored.outbox[1]!.data).toMatchObject({
      previousTier: 'MUNICIPAL_SRDI',
      certifiedBy: 'fc1',
      enterprise: { tier: 'NATIONAL_LITTLE_GIANT', whitelisted: true },
    });
    await expect(s.enterprises.certify(financeCentre, 'unknown', { tier: 'NONE', whitelisted: false })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('re-reads and wins after losing a race to another writer', async () => {
    const s = setup();
    await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z');
    s.loseNextRace.add('e1');
    await s.enterprises.certify(financeCentre, 'e1', { tier: 'INNOVATIVE_SME', whitelisted: false });
    expect(eventsOf(s.enterpriseDocs.get('e1')!)).toEqual([{ type: 'enterprise.certified', version: 2 }]);
  });
});

describe('demands (融资需求)', () => {
  async function withDemand() {
    const s = setup();
    await s.enterprises.projectRegistration(REGISTRATION, 1, '2026-03-01T07:00:00Z');
    const d = await s.demands.postDemand(owner, aDemand({ maxAnnualRate: 4.2, description: '购置数控机床' }));
    let matchVersion = 0;
    const match = (matchId: string, status: MatchStatus, bankId = 'bank1'): [MatchSnapshot, number] => [
      {
        matchId,
        demandId: d.id,
        enterpriseId: 'e1',
        productId: 'p1',
        bankId,
        score: 80,
        status,
        offer: null,
        amount: 5_000_000,
        needsGuarantee: false,
        createdAt: '2026-03-01T08:00:00.000Z',
      },
      (matchVersion += 1),
    ];
    return { s, d, match, doc: () => s.demandDocs.get(d.id)! };
  }

  it('is posted OPEN with demand.posted version 1, and shows at once in myDemands', async () => {
    const { s, d, doc } = await withDemand();
    expect(d).toMatchObject({ enterpriseId: 'e1', status: 'OPEN', maxAnnualRate: 4.2, description: '购置数控机床' });
    expect(eventsOf(doc())).toEqual([{ type: 'demand.posted', version: 1 }]);
    expect(await s.demands.myDemands(owner)).toEqual([d]);
    await expect(s.demands.myDemands(financeCentre)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is withdrawn by its owner only, once, and not after funding', async () => {
    const { s, d, doc } = await withDemand();
    await expect(s.demands.withdrawDemand(otherEnterprise, d.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.demands.withdrawDemand(financeCentre, d.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await s.demands.withdrawDemand(owner, d.id)).status).toBe('WITHDRAWN');
    expect((await s.demands.withdrawDemand(owner, d.id)).status).toBe('WITHDRAWN');
    expect(eventsOf(doc())).toEqual([
      { type: 'demand.posted', version: 1 },
      { type: 'demand.withdrawn', version: 2 },
    ]);

    const funded = await withDemand();
    await funded.s.demands.applyMatchEvent(...funded.match('m1', 'FUNDED'));
    await expect(funded.s.demands.withdrawDemand(owner, funded.d.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('follows its matches, emitting demand.status-changed only when the status moves', async () => {
    const { s, d, match, doc } = await withDemand();
    const m1 = match('m1', 'PROPOSED');
    expect(await s.demands.applyMatchEvent(...m1)).toBe('applied');
    expect(await s.demands.applyMatchEvent(...m1)).toBe('duplicate');
    await s.demands.applyMatchEvent(...match('m2', 'PROPOSED', 'bank2'));
    await s.demands.applyMatchEvent(...match('m1', 'OFFERED'));
    await s.demands.applyMatchEvent(...match('m1', 'ACCEPTED'));
    await s.demands.applyMatchEvent(...match('m2', 'REJECTED', 'bank2'));
    await s.demands.applyMatchEvent(...match('m1', 'FUNDED'));
    const statusEvents = doc()
      .outbox.filter((e) => e.type === 'demand.status-changed')
      .map((e) => e.data as { demand: { status: string }; previousStatus: string });
    expect(statusEvents.map((e) => `${e.previousStatus}->${e.demand.status}`)).toEqual([
      'OPEN->MATCHED',
      'MATCHED->OFFERED',
      'OFFERED->ACCEPTED',
      'ACCEPTED->FUNDED',
    ]);
    expect((await s.demands.demand(owner, d.id)).status).toBe('FUNDED');
    // Versions only grow, so downstream consumers keep the latest snapshot.
    const versions = doc().outbox.map((e) => e.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('lets a bank with a match read the demand and its enterprise, and no other bank', async () => {
    const { s, d, match } = await withDemand();
    const bank1: Principal = { userId: 'o1', role: 'BANK_OFFICER', orgId: 'bank1' };
    const bank2: Principal = { userId: 'o2', role: 'BANK_OFFICER', orgId: 'bank2' };
    await expect(s.demands.demand(bank1, d.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await s.demands.applyMatchEvent(...match('m1', 'PROPOSED'));
    expect(await s.demands.demand(bank1, d.id)).toMatchObject({ id: d.id });
    expect(await s.enterprises.enterprise(bank1, 'e1')).toMatchObject({ id: 'e1' });
    await expect(s.demands.demand(bank2, d.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.demands.demandsByIds(bank2, [d.id])).toEqual([]);
    await expect(s.demands.demand(otherEnterprise, d.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.demands.demand(financeCentre, d.id)).toMatchObject({ id: d.id });
  });

  it('lets a guarantor read the demand and the enterprise once the guarantee hook records it', async () => {
    const { s, d } = await withDemand();
    const guarantor: Principal = { userId: 'g', role: 'GUARANTOR_OFFICER', orgId: 'g1' };
    await expect(s.demands.demand(guarantor, d.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await s.enterprises.recordGuarantorRelation('e1', d.id, 'g1');
    expect(await s.demands.demand(guarantor, d.id)).toMatchObject({ id: d.id });
    expect(await s.enterprises.enterprise(guarantor, 'e1')).toMatchObject({ id: 'e1' });
  });

  it('skips match events for unknown demands and refuses ones that contradict the demand', async () => {
    const { s, match } = await withDemand();
    const [m, v] = match('m1', 'PROPOSED');
    expect(await s.demands.applyMatchEvent({ ...m, demandId: 'elsewhere' }, v)).toBe('unknown-demand');
    await expect(s.demands.applyMatchEvent({ ...m, enterpriseId: 'e2' }, v)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(s.demands.applyMatchEvent({ ...m, matchId: 'a.b' }, v)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('applies a match event after losing a race to a concurrent withdrawal', async () => {
    const { s, d, match, doc } = await withDemand();
    s.loseNextRace.add(d.id);
    await s.demands.applyMatchEvent(...match('m1', 'PROPOSED'));
    expect(doc().status).toBe('MATCHED');
  });
});
