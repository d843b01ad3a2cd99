import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createInstitution, createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import {
  allPages,
  call,
  certify,
  FUND_MATCHES,
  MY_ROUNDS,
  ok,
  POST_ROUND,
  PUBLISH_MANDATE,
  RESPOND,
  SET_STAGE,
  uniqueLabel,
  type FundMatchView,
} from './capital-actors';

// Equity rounds matched to fund mandates (item 11: 政府引导基金, venture capital) through the
// gateway. Each test uses an industry of its own, so mandates published by other files at the same
// time (which may accept any industry) only add matches this file ignores.
// Each test waits on several eventual steps (profiles, matches); under a full parallel run that takes a while.
jest.setTimeout(180_000);
let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

type Officer = { token: string; institutionId: string };
const mandate = (industry: string, o: Record<string, unknown> = {}) => ({
  name: `测试引导基金子方向-${industry}`,
  minTicket: 5_000_000,
  maxTicket: 50_000_000,
  industries: [industry],
  ...o,
});
const round = (o: Record<string, unknown> = {}) => ({
  amount: 20_000_000,
  preMoneyValuation: 300_000_000,
  useOfFunds: '扩建产线与研发投入',
  ...o,
});

async function publish(fund: Officer, input: Record<string, unknown>): Promise<{ id: string; fund: { id: string } }> {
  return (await ok<{ publishFundMandate: { id: string; fund: { id: string } } }>(PUBLISH_MANDATE, { input }, fund.token))
    .publishFundMandate;
}
async function postRound(ent: EnterpriseActor, input = round()): Promise<string> {
  return (await ok<{ postEquityRound: { id: string } }>(POST_ROUND, { input }, ent.token)).postEquityRound.id;
}
const matchesOf = (fund: Officer) => allPages<FundMatchView>(FUND_MATCHES, 'fundMatches', {}, fund.token);
const matchOn = async (fund: Officer, roundId: string, mandateId: string) =>
  (await matchesOf(fund)).find((m) => m.round.id === roundId && m.mandate.id === mandateId);
const waitForMatch = (fund: Officer, roundId: string, mandateId: string, status = 'PROPOSED') =>
  waitFor(
    async () => {
      const m = await matchOn(fund, roundId, mandateId);
      return m && m.status === status ? m : null;
    },
    { timeoutMs: 20_000, message: `fund match ${status}` },
  );

describe('equity rounds and fund mandates', () => {
  it('lets an identity FUND institution have FUND_OFFICER users', async () => {
    const fund = await createInstitution(admin, 'FUND', `测试创投基金-${Date.now()}`);
    const officer = await createOfficer(admin, 'FUND_OFFICER', fund.id);
    const me = await ok<{ me: { role: string; orgId: string } }>('{ me { role orgId } }', {}, officer.token);
    expect(me.me).toEqual({ role: 'FUND_OFFICER', orgId: fund.id });
    const institutions = await ok<{ institutions: { id: string; kind: string }[] }>(
      'query{ institutions(kind: FUND){ id kind } }',
      {},
      admin,
    );
    expect(institutions.institutions).toContainEqual({ id: fund.id, kind: 'FUND' });
  });

  it('matches a posted round to the eligible mandates with every rule and its reason, once per pair, and lets only the fund answer', async () => {
    const industry = uniqueLabel('智能装备');
    const ent = await registerEnterprise({ name: '重庆测试智能装备有限公司', industry });
    await certify(admin, ent.enterpriseId, 'MUNICIPAL_SRDI');
    const [fundA, fundB] = await Promise.all([createOfficer(admin, 'FUND_OFFICER'), createOfficer(admin, 'FUND_OFFICER')]);
    const open = await publish(fundA, mandate(industry));
    expect(open.fund.id).toBe(fundA.institutionId);
    const tight = await publish(fundA, mandate(industry, { name: '小额方向', minTicket: 1_000_000, maxTicket: 19_999_999 }));
    const tiered = await publish(fundB, mandate(industry, { eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'] }));

    const roundId = await postRound(ent);
    const m = await waitForMatch(fundA, roundId, open.id);
    expect(m.round).toEqual({ id: roundId, enterprise: { id: ent.enterpriseId, name: '重庆测试智能装备有限公司' }, amount: 20_000_000 });
    expect(m.fund.id).toBe(fundA.institutionId);
    expect(m.reasons.map((r) => r.rule)).toEqual(['STATUS', 'TICKET', 'TIER', 'INDUSTRY', 'LISTING_STAGE']);
    expect(m.reasons.every((r) => r.passed && r.detail.length > 0)).toBe(true);
    expect(m.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(100);
    const bMatch = await waitForMatch(fundB, roundId, tiered.id);
    // A fund officer sees only its own fund's matches.
    expect((await matchesOf(fundB)).every((x) => x.fund.id === fundB.institutionId)).toBe(true);
    // The explicit tier mandate ranks above the open one for the same round (targeting).
    expect(bMatch.score).toBeGreaterThan(m.score);
    // 20,000,000 is one yuan above the tight mandate's maximum: no match.
    expect(await matchOn(fundA, roundId, tight.id)).toBeUndefined();

    const mine = await ok<{ myEquityRounds: { id: string; status: string; matches: FundMatchView[] }[] }>(MY_ROUNDS, {}, ent.token);
    const r = mine.myEquityRounds.find((x) => x.id === roundId)!;
    expect(r.status).toBe('OPEN');
    expect(r.matches.map((x) => x.mandate.id).sort()).toEqual([open.id, tiered.id].sort());
    expect(r.matches[0]!.score).toBeGreaterThanOrEqual(r.matches[1]!.score);

    // Another fund's officer may not answer; the right one may, once.
    expect(errorCode(await call(RESPOND, { id: m.id, i: true, n: null }, fundB.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(RESPOND, { id: m.id, i: true, n: null }, ent.token))).toBe('FORBIDDEN');
    expect((await matchOn(fundA, roundId, open.id))!.status).toBe('PROPOSED');
    const answered = await ok<{ respondToFundMatch: FundMatchView }>(RESPOND, { id: m.id, i: true, n: '拟安排尽调' }, fundA.token);
    expect(answered.respondToFundMatch).toMatchObject({ status: 'INTERESTED', note: '拟安排尽调' });
    expect(errorCode(await call(RESPOND, { id: m.id, i: false, n: null }, fundA.token))).toBe('CONFLICT');
    const declined = await ok<{ respondToFundMatch: FundMatchView }>(RESPOND, { id: bMatch.id, i: false, n: '规模不符' }, fundB.token);
    expect(declined.respondToFundMatch.status).toBe('DECLINED');

    // Exactly one match per (round, mandate).
    const all = (await matchesOf(fundA)).filter((x) => x.round.id === roundId);
    expect(all).toHaveLength(1);
  });

  it('matches a mandate published after the round, and re-evaluates on listing stage and tier changes (withdrawing unanswered matches)', async () => {
    const industry = uniqueLabel('生物医药');
    const ent = await registerEnterprise({ name: '重庆测试生物科技有限公司', industry });
    await certify(admin, ent.enterpriseId, 'NATIONAL_LITTLE_GIANT');
    const fund = await createOfficer(admin, 'FUND_OFFICER');
    const roundId = await postRound(ent, round({ amount: 30_000_000 }));

    const neeq = await publish(fund, mandate(industry, { name: '新三板企业方向', stages: ['NEEQ_BASIC', 'NEEQ_INNOVATION'] }));
    const giants = await publish(fund, mandate(industry, { name: '小巨人方向', eligibleTiers: ['NATIONAL_LITTLE_GIANT'] }));
    const answered = await publish(
      fund,
      mandate(industry, { name: '已回复方向', eligibleTiers: ['NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION'] }),
    );
    await waitForMatch(fund, roundId, giants.id);
    const kept = await waitForMatch(fund, roundId, answered.id);
    await ok(RESPOND, { id: kept.id, i: true, n: null }, fund.token);
    expect(await matchOn(fund, roundId, neeq.id)).toBeUndefined(); // not in the pipeline yet

    await ok(SET_STAGE, { id: ent.enterpriseId, s: 'NEEQ_BASIC', n: '挂牌新三板基础层' }, admin);
    const byStage = await waitForMatch(fund, roundId, neeq.id);
    expect(byStage.reasons.find((r) => r.rule === 'LISTING_STAGE')!.passed).toBe(true);

    // Tier down: the unanswered tier-bound match is withdrawn, the answered one stays.
    await certify(admin, ent.enterpriseId, 'INNOVATIVE_SME');
    await waitForMatch(fund, roundId, giants.id, 'WITHDRAWN');
    expect((await matchOn(fund, roundId, answered.id))!.status).toBe('INTERESTED');
    expect((await matchOn(fund, roundId, neeq.id))!.status).toBe('PROPOSED');
    // Back up: proposed again, still one match for the pair.
    await certify(admin, ent.enterpriseId, 'NATIONAL_LITTLE_GIANT');
    await waitForMatch(fund, roundId, giants.id, 'PROPOSED');
    expect((await matchesOf(fund)).filter((m) => m.round.id === roundId && m.mandate.id === giants.id)).toHaveLength(1);
  });

  it('closes a round (its unanswered matches are withdrawn) and refuses bad input and the wrong roles', async () => {
    const industry = uniqueLabel('新材料');
    const ent = await registerEnterprise({ name: '重庆测试新材料股份有限公司', industry });
    const fund = await createOfficer(admin, 'FUND_OFFICER');
    const md = await publish(fund, mandate(industry));
    const roundId = await postRound(ent);
    await waitForMatch(fund, roundId, md.id);
    const closed = await ok<{ closeEquityRound: { status: string } }>(
      'mutation($id:ID!){ closeEquityRound(roundId:$id){ status } }',
      { id: roundId },
      ent.token,
    );
    expect(closed.closeEquityRound.status).toBe('CLOSED');
    await waitForMatch(fund, roundId, md.id, 'WITHDRAWN');

    for (const bad of [{ amount: 0 }, { amount: 2_000_000_001 }, { preMoneyValuation: 0 }, { useOfFunds: 'x'.repeat(2001) }]) {
      expect(errorCode(await gql(POST_ROUND, { input: round(bad) }, ent.token))).toBe('BAD_USER_INPUT');
    }
    const rounds = await ok<{ myEquityRounds: { id: string }[] }>(MY_ROUNDS, {}, ent.token);
    expect(rounds.myEquityRounds.map((r) => r.id)).toEqual([roundId]);
    expect(errorCode(await call(POST_ROUND, { input: round() }, fund.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(PUBLISH_MANDATE, { input: mandate(industry) }, ent.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(PUBLISH_MANDATE, { input: mandate(industry) }, admin))).toBe('FORBIDDEN');
    expect(errorCode(await call(PUBLISH_MANDATE, { input: mandate(industry, { minTicket: 10, maxTicket: 9 }) }, fund.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await call(PUBLISH_MANDATE, { input: mandate(industry, { name: 'x'.repeat(101) }) }, fund.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await call(FUND_MATCHES, {}, ent.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(MY_ROUNDS, {}, fund.token))).toBe('FORBIDDEN');
    const mandates = await ok<{ myFundMandates: { id: string }[] }>('{ myFundMandates { id } }', {}, fund.token);
    expect(mandates.myFundMandates.map((x) => x.id)).toEqual([md.id]);
  });
});
