// The finance centre's dashboard and exports through the gateway, on the shared test stack: other
// files write at the same time, so the journey's assertions look at its own bank and ids only
// (the exact numbers of every field are tests/monitor/dashboard.solo.test.ts).
import { errorCode, gql, waitFor } from '@yinqi/testing';
import { accept, disburse, offeredMatch, type AcceptedMatch } from '../loan/loan-journey';
import { postDemand } from '../matching/journey';
import { createOfficer, signInAdmin } from '../support/actors';
import { DASHBOARD, exportCsv, type DashboardView } from './monitor-support';

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('who may read the dashboard and the exports', () => {
  it('answers the finance centre, refuses other roles (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const ok = await gql<{ dashboard: DashboardView }>(DASHBOARD, {}, admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.dashboard.byTier.map((t) => t.tier)).toEqual([
      'NONE',
      'INNOVATIVE_SME',
      'MUNICIPAL_SRDI',
      'NATIONAL_LITTLE_GIANT',
      'SINGLE_CHAMPION',
    ]);
    expect(ok.data!.dashboard.listingByStage.map((s) => s.stage)).toEqual([
      'RESERVE',
      'TUTORING',
      'NEEQ_BASIC',
      'NEEQ_INNOVATION',
      'BSE_FILED',
      'LISTED',
    ]);
    expect(ok.data!.dashboard.planTargets.map((t) => t.key)).toContain('average-guarantee-fee-rate');

    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await gql(DASHBOARD, {}, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(DASHBOARD, {}))).toBe('UNAUTHENTICATED');

    expect((await exportCsv('matches', undefined)).status).toBe(401);
    expect((await exportCsv('loans', bank.token)).status).toBe(403);
    const csv = await exportCsv('loans', admin);
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 BOM for Excel
  });

  it('refuses a period that ends before it begins (BAD_USER_INPUT)', async () => {
    const r = await gql(DASHBOARD, { from: '2026-02-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }, admin);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});

describe('a journey moves its bank’s numbers', () => {
  let a: AcceptedMatch;
  // Today: a loan disbursed months ago would turn OVERDUE under the loan service's sweep.
  const disbursedAt = new Date().toISOString();
  const loanDay = { from: disbursedAt, to: new Date(Date.parse(disbursedAt) + 1_000).toISOString() };

  beforeAll(async () => {
    a = await offeredMatch(admin, { amount: 1_200_000, annualRate: 3.6, termMonths: 12 });
  });

  const bankRow = (d: DashboardView) => d.byBank.find((b) => b.bank.id === a.bank.institutionId);

  it('counts the match and the offer, then the disbursed loan, under the bank', async () => {
    const offered = await waitFor(
      async () => {
        const d = (await gql<{ dashboard: DashboardView }>(DASHBOARD, {}, admin)).data?.dashboard;
        const row = d && bankRow(d);
        return row && row.offers === 1 ? row : null;
      },
      { timeoutMs: 30_000, intervalMs: 250, message: 'the offer on the dashboard' },
    );
    expect(offered).toMatchObject({ matches: 1, offers: 1, amountDisbursed: 0 });
    expect(offered.bank.name).toMatch(/测试BANK/);

    await accept(a);
    const loan = await disburse(a, { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' });
    const funded = await waitFor(
      async () => {
        const d = (await gql<{ dashboard: DashboardView }>(DASHBOARD, loanDay, admin)).data?.dashboard;
        const row = d && bankRow(d);
        return row && row.amountDisbursed === 1_200_000 ? row : null;
      },
      { timeoutMs: 30_000, intervalMs: 250, message: 'the loan on the dashboard' },
    );
    // Matches and offers are counted by their own dates (before the disbursement), outside that second.
    expect(funded).toMatchObject({ matches: 0, offers: 0, amountDisbursed: 1_200_000 });

    // The machine-readable columns (?columns=codes): this checks the data, not the Chinese format (exports.e2e).
    const loans = await exportCsv('loans', admin, { ...loanDay, columns: 'codes' });
    const row = loans.text.split('\r\n').find((l) => l.startsWith(`${loan.id},`));
    expect(row).toBeDefined();
    expect(row).toContain(`${disbursedAt},ACTIVE,${a.matchId},${a.ent.enterpriseId}`);
    expect(row).toContain(',1200000,3.6,12,EQUAL_INSTALLMENT,');
    // The match turns FUNDED when the matching service has applied loan.disbursed and the monitor
    // has seen the resulting match event: later than the loan itself.
    const fundedRow = await waitFor(
      async () =>
        (await exportCsv('matches', admin, { columns: 'codes' })).text
          .split('\r\n')
          .find((l) => l.startsWith(`${a.matchId},`) && l.includes(',FUNDED,')),
      { timeoutMs: 30_000, intervalMs: 250, message: 'the funded match in the export' },
    );
    expect(fundedRow).toContain(',FUNDED,');
  });

  it('lists the bank as over its SLA once a proposed match is left unanswered past the policy hours', async () => {
    // Another demand of the same enterprise matches the bank's product and nobody answers it.
    const demand = await postDemand(a.ent.token, { amount: 1_200_000, termMonths: 12 });
    const in100h = new Date(Date.now() + 100 * 3_600_000).toISOString();
    const breach = await waitFor(
      async () => {
        const d = (await gql<{ dashboard: DashboardView }>(DASHBOARD, { asOf: in100h }, admin)).data?.dashboard;
        return d?.banksOverSla.find((b) => b.bank.id === a.bank.institutionId) ?? null;
      },
      { timeoutMs: 30_000, intervalMs: 250, message: `the unanswered match of ${demand.id} past the SLA` },
    );
    expect(breach.overdueMatches).toBe(1);
    // Now is within the SLA.
    const now = (await gql<{ dashboard: DashboardView }>(DASHBOARD, {}, admin)).data!.dashboard;
    expect(now.banksOverSla.find((b) => b.bank.id === a.bank.institutionId)).toBeUndefined();
  });
});
