// Every dashboard number, exactly, on a stack of its own (the solo phase of `npm test` starts a fresh,
// empty namespace for this file): a known set of journeys through the gateway, then the same numbers
// after a full replay rebuild (`npm run monitor:rebuild`), then after every event is delivered twice.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { collectMessages, errorCode, gql, waitFor, type CollectedMessage } from '@yinqi/testing';
import { accept, disburse, offeredMatch, type AcceptedMatch } from '../loan/loan-journey';
import { certify, postDemand, publishProduct, waitForMatches } from '../matching/journey';
import { createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { DASHBOARD, exportCsv, type DashboardView } from './monitor-support';

const H = 3_600_000;
const PREFIX = process.env.YINQI_TOPIC_PREFIX!;
const MONITOR_TOPICS = [
  'institution',
  'enterprise',
  'demand',
  'product',
  'match',
  'loan',
  'policy',
  'listing',
  'bond',
  'equity',
  'roadshow',
].map((t) => `${PREFIX}.${t}`);
const ROOT = path.resolve(__dirname, '../..');

let admin: string;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function dashboard(vars: Record<string, unknown> = {}): Promise<DashboardView> {
  const r = await gql<{ dashboard: DashboardView }>(DASHBOARD, vars, admin);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.dashboard;
}

/** Retries a mutation while the owning service has not yet learnt what it needs from events. */
async function eventually<T>(what: string, run: () => Promise<{ data?: T | null; errors?: unknown[] }>): Promise<T> {
  return waitFor(
    async () => {
      const r = await run();
      if (r.data) return r.data;
      const code = errorCode(r as Parameters<typeof errorCode>[0]);
      if (code === 'NOT_FOUND' || code === 'CONFLICT') return null;
      throw new Error(`${what}: ${JSON.stringify(r.errors)}`);
    },
    { timeoutMs: 30_000, intervalMs: 200, message: what },
  );
}

interface MatchTimes {
  demandCreatedAt: string;
  matchCreatedAt: string;
}

async function firstMatchTimes(token: string, demandId: string): Promise<MatchTimes> {
  const r = await gql<{ demand: { createdAt: string; matches: { createdAt: string }[] } }>(
    'query($id:ID!){ demand(id:$id){ createdAt matches { createdAt } } }',
    { id: demandId },
    token,
  );
  const d = r.data!.demand;
  return { demandCreatedAt: d.createdAt, matchCreatedAt: d.matches.map((m) => m.createdAt).sort()[0]! };
}

describe('the dashboard over a known set of journeys (solo: nothing else writes to this store)', () => {
  let j1: AcceptedMatch; // 专精特新 enterprise, bank 1, no guarantee; a DEFERRAL approved
  let j2: AcceptedMatch; // little giant, bank 2, 政银担 guarantee 0.8% / 80% coverage; a DEFERRAL pending
  let e3: EnterpriseActor; // a demand nothing matches
  let d1: string;
  let d2: string;
  let d4: string;
  let guarantor: { token: string; institutionId: string };
  let asOf: string;
  let expected: DashboardView;

  beforeAll(async () => {
    admin = await signInAdmin();
  });

  it('drives the journeys', async () => {
    // J1: demand → match → offer → accept → loan, then the enterprise becomes 市级专精特新 (byTier uses the current tier).
    j1 = await offeredMatch(admin, { amount: 1_200_000, annualRate: 3.6, termMonths: 12 });
    await accept(j1);
    const l1 = await disburse(j1, { disbursedAt: new Date().toISOString(), repaymentMethod: 'EQUAL_INSTALLMENT' });
    await certify(admin, j1.ent.enterpriseId, 'MUNICIPAL_SRDI', false);
    const r1 = await gql<{ requestRelief: { id: string } }>(
      'mutation($id:ID!){ requestRelief(loanId:$id, kind:DEFERRAL, reason:"订单回款延迟", months:2){ id } }',
      { id: l1.id },
      j1.ent.token,
    );
    expect(r1.errors).toBeUndefined();
    await eventually('relief approved', () =>
      gql('mutation($id:ID!){ decideRelief(reliefId:$id, approve:true){ id status } }', { id: r1.data!.requestRelief.id }, j1.bank.token),
    );

    // J2: a demand that needs a guarantee, quoted by a guarantor, selected, disbursed (政银担).
    const bank2 = await createOfficer(admin, 'BANK_OFFICER');
    guarantor = await createOfficer(admin, 'GUARANTOR_OFFICER');
    const industry = `监测-${Date.now()}`;
    const ent2 = await registerEnterprise({ industry, name: '重庆测试锶盐新材料有限公司' });
    await certify(admin, ent2.enterpriseId, 'NATIONAL_LITTLE_GIANT', true);
    const p2 = await publishProduct(bank2.token, {
      name: '银政通',
      industries: [industry],
      minAmount: 100_000,
      policyTags: ['GOV_BANK_GUARANTEE'],
    });
    const demand2 = await postDemand(ent2.token, { amount: 2_000_000, termMonths: 12, needsGuarantee: true });
    const [m2] = await waitForMatches(ent2.token, demand2.id, [p2], (x) => x.length === 1, 'the guaranteed demand’s match');
    j2 = { matchId: m2!.id, bank: bank2, ent: ent2, offer: { amount: 2_000_000, annualRate: 3.8, termMonths: 12 } };
    await eventually('respond + offer', async () => {
      await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: j2.matchId }, bank2.token);
      return gql(
        'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id status } }',
        { id: j2.matchId, input: j2.offer },
        bank2.token,
      );
    });
    await accept(j2);
    const request = await waitFor(
      async () => {
        const r = await gql<{ guaranteeRequests: { edges: { node: { id: string; match: { id: string } } }[] } }>(
          'query { guaranteeRequests(status: OPEN, first: 100){ edges { node { id match { id } } } } }',
          {},
          guarantor.token,
        );
        return r.data?.guaranteeRequests.edges.map((e) => e.node).find((n) => n.match.id === j2.matchId) ?? null;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'the guarantee request' },
    );
    const quote = await gql<{ submitGuaranteeQuote: { id: string } }>(
      'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }',
      { id: request.id, input: { feeRate: 0.8, coverageRatio: 80 } },
      guarantor.token,
    );
    expect(quote.errors).toBeUndefined();
    await eventually('quote selected', () =>
      gql('mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id status } }', { id: quote.data!.submitGuaranteeQuote.id }, ent2.token),
    );
    const l2 = await disburse(j2, { disbursedAt: new Date().toISOString(), repaymentMethod: 'INTEREST_ONLY_BULLET' });
    expect(l2).toMatchObject({ guaranteeFeeRate: 0.8, riskShare: { guarantor: 50, bank: 20, government: 30 } });
    const r2 = await gql(
      'mutation($id:ID!){ requestRelief(loanId:$id, kind:DEFERRAL, reason:"设备调试延期", months:1){ id } }',
      { id: l2.id },
      ent2.token,
    );
    expect(r2.errors).toBeUndefined();

    // J3: a demand nothing matches (no product for its industry).
    e3 = await registerEnterprise({ industry: `无产品-${Date.now()}`, name: '重庆测试电梯配件厂' });
    await postDemand(e3.token, { amount: 500_000, termMonths: 6 });

    // J4: bank 1 leaves a new match of the first enterprise unanswered (SLA).
    const demand4 = await postDemand(j1.ent.token, { amount: 1_200_000, termMonths: 12 });
    await waitFor(async () => (await firstMatchTimes(j1.ent.token, demand4.id).catch(() => null))?.matchCreatedAt, {
      timeoutMs: 30_000,
      message: 'the unanswered match',
    });
    d4 = demand4.id;

    // Capital markets: a listing candidate, a bond reserve item, an open equity round, a roadshow lead.
    await eventually('listing stage', () =>
      gql(
        'mutation($id:ID!){ setListingStage(enterpriseId:$id, stage: TUTORING, note:"辅导备案"){ stage } }',
        { id: ent2.enterpriseId },
        admin,
      ),
    );
    await eventually('bond reserve', () =>
      gql(
        'mutation($input:BondReserveInput!){ addBondReserve(input:$input){ id } }',
        { input: { enterpriseId: ent2.enterpriseId, amount: 30_000_000, purpose: '技改扩产', plannedQuarter: '2027Q1' } },
        admin,
      ),
    );
    await eventually('equity round', () =>
      gql(
        'mutation($input:EquityRoundInput!){ postEquityRound(input:$input){ id } }',
        { input: { amount: 5_000_000, preMoneyValuation: 50_000_000, useOfFunds: '研发' } },
        e3.token,
      ),
    );
    const show = await eventually('roadshow', () =>
      gql<{ scheduleRoadshow: { id: string } }>(
        'mutation($input:RoadshowInput!){ scheduleRoadshow(input:$input){ id } }',
        { input: { title: '专精特新路演', startsAt: new Date(Date.now() + 7 * 24 * H).toISOString(), capacity: 10 } },
        admin,
      ),
    );
    await eventually('join roadshow', () =>
      gql('mutation($id:ID!){ joinRoadshow(roadshowId:$id, pitch:"锶盐新材料扩产"){ id } }', { id: show.scheduleRoadshow.id }, ent2.token),
    );
    await eventually('lead', () =>
      gql(
        'mutation($id:ID!,$e:ID!){ recordRoadshowLead(roadshowId:$id, enterpriseId:$e, note:"有授信意向"){ id } }',
        { id: show.scheduleRoadshow.id, e: ent2.enterpriseId },
        bank2.token,
      ),
    );

    d1 = (await gql<{ myDemands: { id: string }[] }>('query { myDemands { id } }', {}, j1.ent.token))
      .data!.myDemands.map((d) => d.id)
      .find((id) => id !== d4)!;
    d2 = demand2.id;
  }, 240_000);

  it('shows every number exactly', async () => {
    // Times the numbers are built from: creation times from the API, the banks' answers from the match events.
    const times = await Promise.all([
      firstMatchTimes(j1.ent.token, d1),
      firstMatchTimes(j2.ent.token, d2),
      firstMatchTimes(j1.ent.token, d4),
    ]);
    const firstMatchHours = times.map((t) => (Date.parse(t.matchCreatedAt) - Date.parse(t.demandCreatedAt)) / H);
    const events = await collectMessages([`${PREFIX}.match`]);
    const responded = await waitFor(
      () => {
        const out = [j1.matchId, j2.matchId].map((id) =>
          events.messages.map((m) => JSON.parse(m.value!)).find((e) => e.key === id && e.type === 'match.responded'),
        );
        return out.every(Boolean) ? out : null;
      },
      { timeoutMs: 20_000, message: 'the match.responded events' },
    );
    await events.stop();
    const responseHours = responded.map((e) => (Date.parse(e.occurredAt) - Date.parse(e.data.match.createdAt)) / H);
    const b1 = { id: j1.bank.institutionId };
    const b2 = { id: j2.bank.institutionId };

    asOf = new Date(Date.now() + 100 * H).toISOString();
    const want = {
      demandsPosted: 4,
      demandsMatched: 3,
      matchRate: 0.75,
      amountRequested: 1_200_000 + 2_000_000 + 500_000 + 1_200_000,
      amountOffered: 1_200_000 + 2_000_000,
      amountDisbursed: 3_200_000,
      averageGuaranteeFeeRate: 0.8,
      guaranteeFeeRateTarget: 1,
      banksOverSla: [{ bank: expect.objectContaining(b1), overdueMatches: 1 }],
      byTier: [
        { tier: 'NONE', demands: 1, amountDisbursed: 0 },
        { tier: 'INNOVATIVE_SME', demands: 0, amountDisbursed: 0 },
        { tier: 'MUNICIPAL_SRDI', demands: 2, amountDisbursed: 1_200_000 },
        { tier: 'NATIONAL_LITTLE_GIANT', demands: 1, amountDisbursed: 2_000_000 },
        { tier: 'SINGLE_CHAMPION', demands: 0, amountDisbursed: 0 },
      ],
      byBank: [
        { bank: expect.objectContaining(b2), matches: 1, offers: 1, amountDisbursed: 2_000_000 },
        { bank: expect.objectContaining(b1), matches: 2, offers: 1, amountDisbursed: 1_200_000 },
      ],
      loansActive: 2,
      loansOverdue: 0,
      reliefRequests: [
        { kind: 'DEFERRAL', pending: 1, approved: 1, declined: 0 },
        { kind: 'RENEWAL_WITHOUT_REPAYMENT', pending: 0, approved: 0, declined: 0 },
        { kind: 'BRIDGE_FUND', pending: 0, approved: 0, declined: 0 },
      ],
      // 2,000,000 outstanding × 80% coverage × 30% government share (policy defaults).
      governmentRiskExposure: 480_000,
      listingByStage: [
        { stage: 'RESERVE', count: 0 },
        { stage: 'TUTORING', count: 1 },
        { stage: 'NEEQ_BASIC', count: 0 },
        { stage: 'NEEQ_INNOVATION', count: 0 },
        { stage: 'BSE_FILED', count: 0 },
        { stage: 'LISTED', count: 0 },
      ],
      bondReserveAmount: 30_000_000,
      equityRoundsOpen: 1,
      roadshowLeads: 1,
      bankResponseSlaHours: 72,
    };
    const d = await waitFor(
      async () => {
        const x = await dashboard({ asOf });
        try {
          expect(x).toMatchObject(want);
          return x;
        } catch {
          return null;
        }
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'the dashboard to show the journeys' },
    ).catch(async (err) => {
      // Show the difference rather than a timeout.
      expect(await dashboard({ asOf })).toMatchObject(want);
      throw err;
    });
    expect(d.medianHoursToFirstMatch).toBeCloseTo(median(firstMatchHours), 9);
    expect(d.medianHoursToBankResponse).toBeCloseTo(median(responseHours), 9);
    const targets = Object.fromEntries(d.planTargets.map((t) => [t.key, t]));
    expect(targets['new-municipal-srdi-per-year']).toMatchObject({ target: 8, actual: 1, met: false });
    expect(targets['new-little-giant-per-year']).toMatchObject({ target: 1, actual: 1, met: true });
    expect(targets['innovative-sme-by-2025']).toMatchObject({ target: 100, actual: 2 });
    expect(targets['municipal-srdi-by-2025']).toMatchObject({ target: 50, actual: 2 });
    expect(targets['little-giant-by-2025']).toMatchObject({ target: 9, actual: 1 });
    expect(targets['average-guarantee-fee-rate']).toMatchObject({ target: 1, actual: 0.8, met: true });
    // Judged now rather than 100 hours on, nothing is past the 72-hour SLA.
    expect((await dashboard()).banksOverSla).toEqual([]);
    // A period with nothing in it.
    expect(await dashboard({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' })).toMatchObject({
      demandsPosted: 0,
      amountDisbursed: 0,
      governmentRiskExposure: 0,
      roadshowLeads: 0,
    });
    expected = d;

    // The exports hold the same rows.
    const matches = (await exportCsv('matches', admin)).text.trim().split('\r\n');
    expect(matches).toHaveLength(1 + 3);
    const loans = (await exportCsv('loans', admin)).text.trim().split('\r\n');
    expect(loans).toHaveLength(1 + 2);
    expect(loans.find((l) => l.includes(j2.matchId))).toContain(',0.8,80,30,480000');
    expect(loans.join('\n')).toContain('重庆测试锶盐新材料有限公司');
  }, 120_000);

  it('shows the same numbers after a replay rebuild from the beginning of every topic', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'services/monitor/dist/rebuild-cli.js')], {
      env: process.env,
      timeout: 300_000,
    });
    expect(stdout).toMatch(/rebuilt generation \d+: \d+ events/);
    expect(await dashboard({ asOf })).toEqual(expected);
  }, 320_000);

  it('moves no number when every event is delivered a second time', async () => {
    const all = await collectMessages(MONITOR_TOPICS);
    let seen: CollectedMessage[] = [];
    // Everything that is in the topics now (the rebuild read it all).
    await waitFor(
      async () => {
        const n = all.messages.length;
        await new Promise((r) => setTimeout(r, 1_000));
        return n > 0 && all.messages.length === n;
      },
      { timeoutMs: 30_000, message: 'the topics read' },
    );
    seen = [...all.messages];
    await all.stop();
    const ignoredBefore = await ignoredEvents();
    const kafka = new Kafka({
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      clientId: 'monitor-solo-redelivery',
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    for (const topic of MONITOR_TOPICS) {
      const msgs = seen.filter((m) => m.topic === topic);
      if (msgs.length) await producer.send({ topic, messages: msgs.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
    }
    await producer.disconnect();
    const handled = seen.filter((m) => !m.topic.endsWith('.dlq')).length;
    await waitFor(async () => (await ignoredEvents()) - ignoredBefore >= handledTypes(seen), {
      timeoutMs: 120_000,
      intervalMs: 500,
      message: `the monitor to see ${handled} events again`,
    });
    expect(await dashboard({ asOf })).toEqual(expected);
  }, 180_000);
});

/** Events the monitor handles (the others are skipped before they reach the read model). */
function handledTypes(messages: CollectedMessage[]): number {
  const skip = new Set(['fund.mandate-published', 'fund-match.proposed', 'fund-match.responded', 'fund-match.withdrawn']);
  return messages.filter((m) => m.value && !skip.has((JSON.parse(m.value) as { type: string }).type)).length;
}

/** The monitor's count of events that changed nothing (its /metrics). */
async function ignoredEvents(): Promise<number> {
  const res = await fetch(new URL('/metrics', process.env.MONITOR_URL ?? 'http://127.0.0.1:4017'));
  const m = /^monitor_events_ignored_total(?:\{[^}]*\})? (\d+)/m.exec(await res.text());
  return m ? Number(m[1]) : 0;
}
