// Capital markets in the web console (issue 9), in a real browser against the real stack: the finance
// centre enters an enterprise in the listing pipeline and advances it on the board by stage, and schedules
// a roadshow; a fund officer publishes an investment mandate; the enterprise signs up for the roadshow and
// opens an equity round, which it sees matched to the fund's mandate; the fund officer sees the matched
// round and answers it; the finance centre sees the sign-up, and the pipeline counted on its dashboard.
import { gql } from '@yinqi/testing';
import type { Page } from 'playwright-core';
import { createInstitution, createOfficer, PASSWORD, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { go, launch, login, newPage, pick, retrying, settled, shot, type Session } from './browser';

jest.setTimeout(300_000);

const suffix = Date.now().toString(36);
const industry = `工业机器人-${suffix}`;
const enterpriseName = `重庆界面测试工业机器人有限公司${suffix}`;
const fundName = `界面测试产业引导基金${suffix}`;
const mandateName = `智能制造方向-${suffix}`;
const roadshowTitle = `专精特新企业路演-${suffix}`;
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@yinqi.local', password: process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026' };

let session: Session;
let admin: string;
let ent: EnterpriseActor;
let fund: { email: string; token: string };
let financePage: Page;
let fundPage: Page;

beforeAll(() => retrying(setUp));

async function setUp() {
  admin = await signInAdmin();
  const inst = await createInstitution(admin, 'FUND', fundName);
  fund = await createOfficer(admin, 'FUND_OFFICER', inst.id);
  ent = await registerEnterprise({ name: enterpriseName, industry });
  session = await launch();
  financePage = (await newPage(session.browser)).page;
  fundPage = (await newPage(session.browser)).page;
}

afterAll(async () => {
  await session?.close();
});

/** A moment a week ahead as the browser's datetime-local field takes it (the test's clock; the page is Asia/Shanghai). */
function aWeekAhead(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:30`;
}

describe('web console: capital markets', () => {
  it('finance centre enters the enterprise in the listing pipeline and advances it on the board', async () => {
    await login(financePage, ADMIN.email, ADMIN.password, '监测看板');
    await go(financePage, '/finance/listing');
    await settled(financePage);
    const form = financePage.locator('.ant-card').filter({ hasText: '纳入上市后备' });
    await pick(financePage, '企业', enterpriseName, form, { search: true });
    await form.getByLabel('备注').fill('区金融中心走访后纳入');
    await form.getByRole('button', { name: '设置阶段' }).click();

    const reserve = financePage.getByTestId('stage-RESERVE');
    const card = reserve.locator(`[data-testid=candidate-${ent.enterpriseId}]`);
    await card.waitFor();
    await card.getByLabel(`${enterpriseName} 辅导机构`).fill('西南证券投行部');
    await card.getByRole('button', { name: /^指\s*定$/ }).click();
    await card.getByText('辅导机构：西南证券投行部').waitFor();

    await card.getByRole('button', { name: `${enterpriseName} 推进至辅导备案` }).click();
    const tutoring = financePage.getByTestId('stage-TUTORING').locator(`[data-testid=candidate-${ent.enterpriseId}]`);
    await tutoring.waitFor();
    expect(await card.count()).toBe(0);
    await shot(financePage, 'finance-listing', true);

    // the board is the service's state: the candidate is at TUTORING with both steps in its history
    const r = await gql<{
      listingPipeline: {
        edges: { node: { enterprise: { id: string }; stage: string; coach: string | null; history: { stage: string }[] } }[];
      };
    }>('{ listingPipeline(stage: TUTORING, first: 100){ edges { node { enterprise { id } stage coach history { stage } } } } }', {}, admin);
    const mine = r.data?.listingPipeline.edges.find((e) => e.node.enterprise.id === ent.enterpriseId)?.node;
    expect(mine).toMatchObject({ stage: 'TUTORING', coach: '西南证券投行部', history: [{ stage: 'RESERVE' }, { stage: 'TUTORING' }] });
  });

  it('finance centre schedules a roadshow', async () => {
    await go(financePage, '/finance/roadshows');
    const form = financePage.locator('.ant-card').filter({ hasText: '安排培训路演' });
    await form.getByLabel('路演主题').fill(roadshowTitle);
    await form.getByLabel('开始时间').fill(aWeekAhead());
    await form.getByLabel('面向行业（不填表示不限）').fill(industry);
    await form.getByLabel('面向行业（不填表示不限）').press('Enter');
    await form.getByLabel('名额').fill('10');
    await form.getByRole('button', { name: '发布路演' }).click();
    const row = financePage.locator('tr').filter({ hasText: roadshowTitle });
    await row.getByTestId('roadshow-signups').filter({ hasText: '0 / 10' }).waitFor();
  });

  it('fund officer publishes an investment mandate', async () => {
    await login(fundPage, fund.email, PASSWORD, '项目匹配');
    // an empty fund first: the matches page says what to do
    await fundPage.getByText('暂无匹配项目').waitFor();
    await go(fundPage, '/fund/mandates');
    const form = fundPage.locator('.ant-card').filter({ hasText: '发布投资方向' });
    await form.getByLabel('方向名称').fill(mandateName);
    await form.getByLabel('单笔最低（元）').fill('5000000');
    await form.getByLabel('单笔最高（元）').fill('1000000');
    await form.getByRole('button', { name: '发布投资方向' }).click();
    await form.getByText('不得低于单笔最低').waitFor(); // inline, nothing sent
    await form.getByLabel('单笔最高（元）').fill('50000000');
    await form.getByLabel('行业（不填表示不限）').fill(industry);
    await form.getByLabel('行业（不填表示不限）').press('Enter');
    await form.getByRole('button', { name: '发布投资方向' }).click();
    const row = fundPage.locator('tr').filter({ hasText: mandateName });
    await row.getByText(industry).waitFor();
    await shot(fundPage, 'fund-mandates');
  });

  it('enterprise signs up for the roadshow and opens an equity round, matched to the fund mandate', async () => {
    const { page } = await newPage(session.browser);
    await login(page, ent.email, PASSWORD, '企业画像');
    await go(page, '/enterprise/capital');
    await page.getByText('尚未发起股权融资').waitFor();

    const show = page.locator('tr').filter({ hasText: roadshowTitle });
    await show.getByRole('button', { name: `报名：${roadshowTitle}` }).click();
    const modal = page.getByRole('dialog');
    await modal.getByRole('button', { name: '提交报名' }).click();
    await modal.getByText('请填写路演简介').waitFor(); // inline, nothing sent
    await modal.getByLabel('路演简介（向投资机构介绍企业与项目）').fill('六轴协作机器人减速器国产化，2025 年营收 1.2 亿元，拟融资扩产');
    await modal.getByRole('button', { name: '提交报名' }).click();
    await modal.waitFor({ state: 'hidden' });
    await show.getByText('已报名').waitFor();

    const form = page.locator('.ant-card').filter({ hasText: '发起股权融资' });
    await form.getByLabel('融资金额（元）').fill('20000000');
    await form.getByLabel('投前估值（元）').fill('300000000');
    await form.getByLabel('资金用途').fill('扩建减速器产线与研发投入');
    await form.getByRole('button', { name: '发布股权融资' }).click();
    const round = page.locator('[data-testid^=round-]').filter({ hasText: '扩建减速器产线与研发投入' });
    await round.waitFor();
    // matched from events a moment later; the page refreshes itself
    const match = round.locator('tr').filter({ hasText: mandateName });
    await match.waitFor({ timeout: 90_000 });
    await match.getByText(fundName).waitFor();
    await match.getByText('待基金响应').waitFor();
    await shot(page, 'enterprise-capital', true);
  });

  it('fund officer sees the matched round with its reasons and answers it', async () => {
    await go(fundPage, '/fund/matches');
    const row = fundPage.locator('tr').filter({ hasText: enterpriseName });
    for (let i = 0; !(await row.count()); i++) {
      if (i > 20) throw new Error('the matched round never showed up for the fund');
      await fundPage.getByRole('button', { name: /^刷\s*新$/ }).click();
      await settled(fundPage);
    }
    await row.getByText(mandateName).waitFor();
    await row.getByText('2,000 万元 / 30,000 万元').waitFor();
    await row.getByRole('button', { name: '展开行' }).click();
    await fundPage.locator('.ant-table-expanded-row [aria-label=通过]').first().waitFor();
    await shot(fundPage, 'fund-matches', true);
    await row.getByRole('button', { name: `有意向：${enterpriseName}` }).click();
    await row.getByText('基金有意向').waitFor();
  });

  it('finance centre sees the sign-up on the roadshow', async () => {
    await financePage.reload();
    const row = financePage.locator('tr').filter({ hasText: roadshowTitle });
    await row.getByTestId('roadshow-signups').filter({ hasText: '1 / 10' }).waitFor();
    await row.getByRole('button', { name: '展开行' }).click();
    await financePage.getByText(`${enterpriseName}：六轴协作机器人减速器国产化`, { exact: false }).waitFor();
    await shot(financePage, 'finance-roadshows');

    // the dashboard's capital-markets card counts the pipeline (from events: refresh until it has ours)
    await go(financePage, '/finance/dashboard');
    const byStage = financePage.getByTestId('listing-by-stage');
    for (let i = 0; !/辅导备案 [1-9]/.test((await byStage.textContent({ timeout: 60_000 })) ?? ''); i++) {
      if (i > 20) throw new Error(`the dashboard never counted the candidate at 辅导备案: ${await byStage.textContent()}`);
      await financePage.getByRole('button', { name: /刷\s*新/ }).click();
      await settled(financePage);
    }
  });
});
