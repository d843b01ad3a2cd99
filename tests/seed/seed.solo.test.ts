// The demo seed on a freshly started, empty stack (solo phase of `npm test`): it runs through the
// gateway, a demo user then sees what the README promises, and a second run doubles nothing.
import { gql } from '@yinqi/testing';
import { runSeed, type SeedResult } from '../src/seed/seed';
import { BANKS, DEMANDS, ENTERPRISES, PRODUCTS, demoEmail, DEMO_PASSWORD } from '../src/seed/data';
import { DASHBOARD, type DashboardView } from '../monitor/monitor-support';

const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@yinqi.local';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026';
const seedOnce = (force = false) =>
  runSeed({ gatewayUrl: GATEWAY_URL, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, force, log: () => undefined });

async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
    e: email,
    p: password,
  });
  if (!r.data) throw new Error(`login ${email}: ${JSON.stringify(r.errors)}`);
  return r.data.login.token;
}

async function data<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await gql<T>(query, variables, token);
  if (r.errors || !r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

/** Polls until `check` holds (the monitor and the loan sweep are eventually consistent). */
async function eventually<T>(check: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await check();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    v = await check();
  }
  return v;
}

interface LoanRow {
  id: string;
  status: string;
  amount: number;
  schedule: { principal: number; paid: boolean }[];
  reliefs: { kind: string; status: string }[];
  followUps: { note: string }[];
}

async function allLoans(admin: string): Promise<LoanRow[]> {
  const out: LoanRow[] = [];
  let after: string | null = null;
  for (;;) {
    const r: { loans: { edges: { node: LoanRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await data(
      'query($a:String){ loans(first:100, after:$a){ edges { node { id status amount schedule { principal paid } reliefs { kind status } followUps { note } } } pageInfo { hasNextPage endCursor } } }',
      { a: after },
      admin,
    );
    out.push(...r.loans.edges.map((e) => e.node));
    if (!r.loans.pageInfo.hasNextPage) return out;
    after = r.loans.pageInfo.endCursor;
  }
}

/** What a second run must leave unchanged. */
async function snapshot(admin: string) {
  const counts = await data<{
    enterprises: { totalCount: number };
    products: { totalCount: number };
    loans: { totalCount: number };
    guaranteeRequests: { totalCount: number };
    institutions: { id: string }[];
  }>(
    'query{ enterprises(first:1){ totalCount } products(first:1){ totalCount } loans(first:1){ totalCount } guaranteeRequests(first:1){ totalCount } institutions { id } }',
    {},
    admin,
  );
  const loans = await allLoans(admin);
  const demands: number[] = [];
  for (const key of ['ruifeng', 'hengang', 'ruishi', 'daojian']) {
    demands.push((await data<{ myDemands: unknown[] }>('query{ myDemands { id } }', {}, await login(demoEmail(key)))).myDemands.length);
  }
  return {
    enterprises: counts.enterprises.totalCount,
    products: counts.products.totalCount,
    loans: counts.loans.totalCount,
    guaranteeRequests: counts.guaranteeRequests.totalCount,
    institutions: counts.institutions.length,
    demands,
    repayments: loans.reduce((n, l) => n + l.schedule.filter((i) => i.paid).length, 0),
    reliefs: loans.reduce((n, l) => n + l.reliefs.length, 0),
    followUps: loans.reduce((n, l) => n + l.followUps.length, 0),
  };
}

/** The dashboard when the gateway serves it (services/monitor), else null. */
async function dashboard(admin: string, asOf?: string): Promise<DashboardView | null> {
  const r = await gql<{ dashboard: DashboardView }>(DASHBOARD, asOf ? { asOf } : {}, admin);
  if (r.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || /Cannot query field "dashboard"/.test(e.message)))
    return null;
  if (r.errors || !r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.dashboard;
}

/** The dashboard fields the seed leaves at zero (or null, or missing from a per-tier/bank/kind list). */
function zeroFields(d: DashboardView, capital: boolean): string[] {
  const zero: string[] = [];
  const scalars = [
    'demandsPosted',
    'demandsMatched',
    'matchRate',
    'amountRequested',
    'amountOffered',
    'amountDisbursed',
    'medianHoursToFirstMatch',
    'medianHoursToBankResponse',
    'averageGuaranteeFeeRate',
    'guaranteeFeeRateTarget',
    'loansActive',
    'loansOverdue',
    'governmentRiskExposure',
  ] as const;
  for (const k of scalars) if (!(Number(d[k]) > 0)) zero.push(k);
  for (const tier of ['NONE', 'INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION']) {
    const t = d.byTier.find((x) => x.tier === tier);
    if (!t || !(t.demands > 0) || !(t.amountDisbursed > 0)) zero.push(`byTier.${tier}`);
  }
  for (const b of BANKS) {
    const s = d.byBank.find((x) => x.bank.name === b.name);
    if (!s || !(s.matches > 0) || !(s.offers > 0) || !(s.amountDisbursed > 0)) zero.push(`byBank.${b.name}`);
  }
  for (const kind of ['DEFERRAL', 'RENEWAL_WITHOUT_REPAYMENT', 'BRIDGE_FUND']) {
    const r = d.reliefRequests.find((x) => x.kind === kind);
    if (!r || !(r.pending > 0) || !(r.approved > 0) || !(r.declined > 0)) zero.push(`reliefRequests.${kind}`);
  }
  if (capital) {
    if (!d.listingByStage.some((s) => s.count > 0)) zero.push('listingByStage');
    for (const k of ['bondReserveAmount', 'equityRoundsOpen', 'roadshowLeads'] as const) if (!(d[k] > 0)) zero.push(k);
  }
  return zero;
}

describe('the demo seed (npm start) on an empty store', () => {
  let first: SeedResult;
  let admin: string;

  beforeAll(async () => {
    const t0 = Date.now();
    first = await seedOnce();
    process.stdout.write(
      `demo seed: ${((Date.now() - t0) / 1000).toFixed(1)} s, created ${JSON.stringify(first.created)}, capital ${first.capital}\n`,
    );
    admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }, 900_000);

  it('creates the whole data set through the gateway', () => {
    expect(first.status).toBe('seeded');
    expect(first.created).toMatchObject({
      enterprise: ENTERPRISES.length,
      product: PRODUCTS.length,
      demand: DEMANDS.length,
      institution: 6,
    });
    expect(first.created.loan).toBe(DEMANDS.filter((d) => d.flow.kind === 'funded').length);
  });

  it('every documented demo login signs in', async () => {
    for (const l of first.logins) await expect(login(l.email, l.password)).resolves.toEqual(expect.any(String));
    expect(new Set(first.logins.map((l) => l.role))).toEqual(
      new Set(['FINANCE_CENTER', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'ENTERPRISE', ...(first.capital === 'ran' ? ['FUND_OFFICER'] : [])]),
    );
  });

  it('a demo enterprise sees its demand with ranked matches and the reason for every rule', async () => {
    const token = await login(demoEmail('ruishi'));
    const { myDemands } = await data<{
      myDemands: {
        status: string;
        matches: { score: number; status: string; reasons: { rule: string; passed: boolean; detail: string }[] }[];
      }[];
    }>('query{ myDemands { status matches { score status reasons { rule passed detail } } } }', {}, token);
    expect(myDemands).toHaveLength(1);
    const ms = myDemands[0]!.matches;
    expect(ms.length).toBeGreaterThanOrEqual(2);
    expect(ms.map((m) => m.score)).toEqual([...ms.map((m) => m.score)].sort((a, b) => b - a));
    for (const m of ms) {
      expect(m.status).toBe('PROPOSED');
      expect(m.reasons.length).toBeGreaterThan(3);
      expect(m.reasons.every((r) => r.passed && r.detail.length > 0)).toBe(true);
    }
  });

  it('a bank officer has matches waiting in the inbox, and loans to follow up', async () => {
    const token = await login(demoEmail('bank.changjiang'));
    const r = await data<{ proposed: { totalCount: number }; all: { totalCount: number }; loans: { totalCount: number } }>(
      'query{ proposed: bankMatches(status: PROPOSED, first: 5){ totalCount } all: bankMatches(first: 5){ totalCount } loans(first: 1){ totalCount } }',
      {},
      token,
    );
    expect(r.proposed.totalCount).toBeGreaterThan(0);
    expect(r.all.totalCount).toBeGreaterThan(r.proposed.totalCount);
    expect(r.loans.totalCount).toBeGreaterThanOrEqual(5);
  });

  it('loans have schedules, some paid, one closed, some overdue, and reliefs of every kind in every status', async () => {
    const loans = await eventually(
      () => allLoans(admin),
      (ls) => ls.some((l) => l.status === 'OVERDUE'),
      60_000,
    );
    expect(loans).toHaveLength(DEMANDS.filter((d) => d.flow.kind === 'funded').length);
    for (const l of loans) expect(l.schedule.reduce((s, i) => s + i.principal, 0)).toBe(l.amount);
    expect(loans.filter((l) => l.schedule.some((i) => i.paid)).length).toBeGreaterThan(10);
    expect(new Set(loans.map((l) => l.status))).toEqual(new Set(['ACTIVE', 'OVERDUE', 'CLOSED']));
    const reliefs = new Set(loans.flatMap((l) => l.reliefs.map((r) => `${r.kind}/${r.status}`)));
    for (const kind of ['DEFERRAL', 'RENEWAL_WITHOUT_REPAYMENT', 'BRIDGE_FUND'])
      for (const status of ['PENDING', 'APPROVED', 'DECLINED']) expect(reliefs).toContain(`${kind}/${status}`);
  });

  it('makes every dashboard number non-zero (when the monitor is there), SLA breaches included once the SLA has passed', async () => {
    const now = await dashboard(admin);
    if (!now) {
      process.stdout.write('dashboard: not served by this gateway yet; skipped\n');
      return;
    }
    const capital = first.capital === 'ran';
    const d = await eventually(
      async () => (await dashboard(admin))!,
      (x) => zeroFields(x, capital).length === 0,
    );
    expect(zeroFields(d, capital)).toEqual([]);
    // Matches left unanswered breach the banks' response SLA (72 h by default) once it has passed.
    const later = await dashboard(admin, new Date(Date.now() + 100 * 3_600_000).toISOString());
    expect(later!.banksOverSla.reduce((n, b) => n + b.overdueMatches, 0)).toBeGreaterThan(0);
  }, 180_000);

  it('a second run, walking every step, creates nothing; a third says the data is present', async () => {
    const before = await snapshot(admin);
    const second = await seedOnce(true);
    expect(second.status).toBe('seeded');
    expect(second.created).toEqual({});
    expect(await snapshot(admin)).toEqual(before);
    const third = await seedOnce();
    expect(third.status).toBe('present');
    expect(third.seconds).toBeLessThan(30);
  }, 900_000);
});
