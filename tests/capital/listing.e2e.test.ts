import { errorCode, gql } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import {
  ADD_BOND,
  certify,
  allPages,
  ASSIGN_COACH,
  BONDS,
  call,
  MARK_PAID,
  ok,
  PIPELINE,
  SET_STAGE,
  type Candidate,
} from './capital-actors';

// The listing pipeline (上市后备 → 新三板 → 北交所, item 18), staged rewards (item 32) and the bond
// reserve (债券融资项目储备, item 17) through the gateway, for each role. Other files run at the same
// time: assertions look at this file's own enterprises only.
// Each test waits on several eventual steps (profiles, matches); under a full parallel run that takes a while.
jest.setTimeout(120_000);
let admin: string;
let ent: EnterpriseActor;
let other: EnterpriseActor;
beforeAll(async () => {
  admin = await signInAdmin();
  [ent, other] = await Promise.all([
    registerEnterprise({ name: '重庆测试精密机械有限公司', industry: '智能制造' }),
    registerEnterprise({ name: '重庆测试新材料有限公司' }),
  ]);
  await certify(admin, ent.enterpriseId, 'MUNICIPAL_SRDI');
});

const setStage = (id: string, s: string, n?: string, token = admin) =>
  call<{ setListingStage: Candidate }>(SET_STAGE, { id, s, n: n ?? null }, token);
const pipelineOf = async (token: string, stage?: string) =>
  allPages<Candidate>(PIPELINE, 'listingPipeline', stage ? { s: stage } : {}, token);

describe('listing pipeline', () => {
  it('enters an enterprise, moves it forward with date, author and note, and refuses a step back or the same stage', async () => {
    const first = await setStage(ent.enterpriseId, 'RESERVE', '纳入上市后备资源库');
    expect(first.errors).toBeUndefined();
    expect(first.data!.setListingStage).toMatchObject({
      stage: 'RESERVE',
      enterprise: { id: ent.enterpriseId, name: '重庆测试精密机械有限公司', tier: 'MUNICIPAL_SRDI' },
      rewardsDue: [],
    });

    const second = await ok<{ setListingStage: Candidate }>(
      SET_STAGE,
      { id: ent.enterpriseId, s: 'TUTORING', n: '已在证监局辅导备案' },
      admin,
    );
    expect(second.setListingStage.stage).toBe('TUTORING');
    expect(second.setListingStage.history.map((h) => [h.stage, h.note])).toEqual([
      ['RESERVE', '纳入上市后备资源库'],
      ['TUTORING', '已在证监局辅导备案'],
    ]);
    for (const h of second.setListingStage.history) {
      expect(Number.isNaN(Date.parse(h.at))).toBe(false);
      expect(h.setBy).toBeTruthy();
    }
    expect(second.setListingStage.rewardsDue).toEqual([{ stage: 'TUTORING', amount: 500_000 }]);

    const back = await setStage(ent.enterpriseId, 'RESERVE');
    expect(errorCode(back)).toBe('CONFLICT');
    const same = await setStage(ent.enterpriseId, 'TUTORING');
    expect(errorCode(same)).toBe('CONFLICT');

    // Skipping forward is allowed (a firm already quoted on 新三板).
    const skip = await ok<{ setListingStage: Candidate }>(SET_STAGE, { id: ent.enterpriseId, s: 'NEEQ_INNOVATION', n: null }, admin);
    expect(skip.setListingStage.stage).toBe('NEEQ_INNOVATION');
    expect(skip.setListingStage.history).toHaveLength(3);
    // The refusals wrote nothing.
    const board = await pipelineOf(admin);
    const mine = board.find((c) => c.enterprise.id === ent.enterpriseId)!;
    expect(mine.history.map((h) => h.stage)).toEqual(['RESERVE', 'TUTORING', 'NEEQ_INNOVATION']);
  });

  it('assigns a coach (一对一上市辅导) and pays staged rewards once each, only when reached', async () => {
    const coached = await ok<{ assignListingCoach: Candidate }>(ASSIGN_COACH, { id: ent.enterpriseId, c: '西南证券 王辅导' }, admin);
    expect(coached.assignListingCoach.coach).toBe('西南证券 王辅导');
    expect(coached.assignListingCoach.rewardsDue).toEqual([
      { stage: 'TUTORING', amount: 500_000 },
      { stage: 'NEEQ_BASIC', amount: 1_000_000 },
      { stage: 'NEEQ_INNOVATION', amount: 500_000 },
    ]);
    const paid = await ok<{ markListingRewardPaid: Candidate }>(MARK_PAID, { id: ent.enterpriseId, s: 'TUTORING' }, admin);
    expect(paid.markListingRewardPaid.rewardsDue.map((r) => r.stage)).toEqual(['NEEQ_BASIC', 'NEEQ_INNOVATION']);
    expect(paid.markListingRewardPaid.rewardsPaid).toEqual([expect.objectContaining({ stage: 'TUTORING', amount: 500_000 })]);

    expect(errorCode(await call(MARK_PAID, { id: ent.enterpriseId, s: 'TUTORING' }, admin))).toBe('CONFLICT'); // already paid
    expect(errorCode(await call(MARK_PAID, { id: ent.enterpriseId, s: 'LISTED' }, admin))).toBe('CONFLICT'); // not reached
    expect(errorCode(await call(MARK_PAID, { id: other.enterpriseId, s: 'TUTORING' }, admin))).toBe('CONFLICT'); // not in the pipeline
    expect(errorCode(await call(ASSIGN_COACH, { id: other.enterpriseId, c: '某券商' }, admin))).toBe('CONFLICT');
  });

  it('filters the board by stage and shows it to fund officers, never to enterprises, banks or guarantors', async () => {
    const innovation = await pipelineOf(admin, 'NEEQ_INNOVATION');
    expect(innovation.some((c) => c.enterprise.id === ent.enterpriseId)).toBe(true);
    expect(innovation.every((c) => c.stage === 'NEEQ_INNOVATION')).toBe(true);
    expect((await pipelineOf(admin, 'RESERVE')).some((c) => c.enterprise.id === ent.enterpriseId)).toBe(false);

    const fund = await createOfficer(admin, 'FUND_OFFICER');
    const seen = (await pipelineOf(fund.token)).find((c) => c.enterprise.id === ent.enterpriseId);
    expect(seen).toMatchObject({
      stage: 'NEEQ_INNOVATION',
      coach: '西南证券 王辅导',
      enterprise: { name: '重庆测试精密机械有限公司', tier: 'MUNICIPAL_SRDI' },
    });

    expect(errorCode(await call(PIPELINE, {}, ent.token))).toBe('FORBIDDEN');
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await call(PIPELINE, {}, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(PIPELINE, {}))).toBe('UNAUTHENTICATED');
    // Only the finance centre moves the pipeline.
    expect(errorCode(await setStage(other.enterpriseId, 'RESERVE', undefined, fund.token))).toBe('FORBIDDEN');
    expect(errorCode(await setStage(other.enterpriseId, 'RESERVE', undefined, ent.token))).toBe('FORBIDDEN');
  });

  it('refuses an unknown enterprise and a note over 2,000 characters', async () => {
    expect(errorCode(await setStage('no-such-enterprise', 'RESERVE'))).toBe('NOT_FOUND');
    expect(errorCode(await setStage(other.enterpriseId, 'RESERVE', 'x'.repeat(2001)))).toBe('BAD_USER_INPUT');
    expect((await pipelineOf(admin)).some((c) => c.enterprise.id === other.enterpriseId)).toBe(false);
  });
});

describe('bond reserve (债券融资项目储备)', () => {
  const input = (o: Record<string, unknown> = {}) => ({
    enterpriseId: other.enterpriseId,
    amount: 80_000_000,
    purpose: '智能化改造项目专项债',
    plannedQuarter: '2026Q3',
    ...o,
  });

  it('is added by the finance centre and read by banks and guarantors', async () => {
    const added = await ok<{
      addBondReserve: { id: string; enterprise: { id: string; name: string }; amount: number; plannedQuarter: string };
    }>(ADD_BOND, { input: input() }, admin);
    expect(added.addBondReserve).toMatchObject({
      enterprise: { id: other.enterpriseId, name: '重庆测试新材料有限公司' },
      amount: 80_000_000,
      plannedQuarter: '2026Q3',
    });
    const [bank, guarantor] = await Promise.all([createOfficer(admin, 'BANK_OFFICER'), createOfficer(admin, 'GUARANTOR_OFFICER')]);
    for (const token of [admin, bank.token, guarantor.token]) {
      const items = await allPages<{ id: string; enterprise: { name: string } }>(BONDS, 'bondReserve', {}, token);
      expect(items.find((i) => i.id === added.addBondReserve.id)?.enterprise.name).toBe('重庆测试新材料有限公司');
    }
    expect(errorCode(await call(BONDS, {}, ent.token))).toBe('FORBIDDEN');
    const fund = await createOfficer(admin, 'FUND_OFFICER');
    expect(errorCode(await call(BONDS, {}, fund.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(ADD_BOND, { input: input() }, bank.token))).toBe('FORBIDDEN');
  });

  it('refuses a bad plannedQuarter, amount or purpose with BAD_USER_INPUT and writes nothing', async () => {
    const marker = `债券储备-拒绝-${Date.now()}`;
    for (const bad of [
      { plannedQuarter: '2026Q5' },
      { plannedQuarter: '2026-09' },
      { plannedQuarter: 'Q3' },
      { amount: 0 },
      { amount: 2_000_000_001 },
      { purpose: 'x'.repeat(2001) },
    ]) {
      const r = await gql(ADD_BOND, { input: input({ purpose: marker, ...bad }) }, admin);
      expect([JSON.stringify(bad), errorCode(r)]).toEqual([JSON.stringify(bad), 'BAD_USER_INPUT']);
    }
    const items = await allPages<{ purpose: string }>(BONDS, 'bondReserve', {}, admin);
    expect(items.filter((i) => i.purpose === marker)).toEqual([]);
  });
});
