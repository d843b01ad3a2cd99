// The web console in a real browser: the guarantor officer sees the open request (without the enterprise:
// a guarantor that has not quoted may not read it, API-CONTRACT enterprise(id)/demand(id)) and the policy
// cap; a quote above the cap gets the readable POLICY_VIOLATION message, one within it is taken and the
// enterprise's name then shows; the enterprise picks the quote; and the finance centre's dashboard (time to
// interactive measured), certification and policy pages work.
import { gql } from '@yinqi/testing';
import {
  createInstitution,
  createOfficer,
  PASSWORD,
  postDemand,
  registerEnterprise,
  signInAdmin,
  type EnterpriseActor,
} from '../support/actors';
import { go, launch, login, newPage, pick, retrying, settled, shot, writeMetric, baseUrl, type Session } from './browser';

jest.setTimeout(240_000);

const suffix = Date.now().toString(36);
const industry = `工业母机-${suffix}`;
const enterpriseName = `重庆界面测试工业母机有限公司${suffix}`;
const guarantorName = `界面测试融资担保${suffix}`;
const productName = `政银担贷-${suffix}`;

let session: Session;
let admin: string;
let ent: EnterpriseActor;
let guarantor: { email: string };

const must = <T>(r: { data?: T | null; errors?: unknown }, what: string): T => {
  if (!r.data) throw new Error(`${what}: ${JSON.stringify(r.errors)}`);
  return r.data;
};

beforeAll(() => retrying(setUp));

async function setUp() {
  admin = await signInAdmin();
  const bankInst = await createInstitution(admin, 'BANK', `界面测试担保合作银行${suffix}`);
  const bank = await createOfficer(admin, 'BANK_OFFICER', bankInst.id);
  const gInst = await createInstitution(admin, 'GUARANTOR', guarantorName);
  guarantor = await createOfficer(admin, 'GUARANTOR_OFFICER', gInst.id);
  ent = await registerEnterprise({ name: enterpriseName, industry });
  // Set-up through the API: a guaranteed demand, matched, offered and accepted, so a guarantee request opens.
  must(
    await gql(
      'mutation($input:ProductInput!){ publishProduct(input:$input){ id } }',
      {
        input: {
          name: productName,
          minAmount: 1_000_000,
          maxAmount: 20_000_000,
          minTermMonths: 6,
          maxTermMonths: 36,
          annualRateMin: 3.5,
          annualRateMax: 4.5,
          industries: [industry],
          policyTags: ['GOV_BANK_GUARANTEE'],
        },
      },
      bank.token,
    ),
    'publishProduct',
  );
  const demand = await postDemand(ent.token, { needsGuarantee: true, collateral: 'GUARANTEE', amount: 4_000_000 });
  let matchId: string | undefined;
  const deadline = Date.now() + 60_000;
  while (!matchId && Date.now() < deadline) {
    const r = await gql<{ demand: { matches: { id: string; bank: { id: string } }[] } }>(
      'query($id:ID!){ demand(id:$id){ matches { id bank { id } } } }',
      { id: demand.id },
      ent.token,
    );
    matchId = r.data?.demand.matches.find((m) => m.bank.id === bankInst.id)?.id;
    if (!matchId) await new Promise((r) => setTimeout(r, 300));
  }
  if (!matchId) throw new Error('no match for the guaranteed demand');
  must(await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: matchId }, bank.token), 'respond');
  must(
    await gql(
      'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
      { id: matchId, input: { amount: 4_000_000, annualRate: 3.8, termMonths: 12 } },
      bank.token,
    ),
    'offer',
  );
  must(await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: matchId }, ent.token), 'accept');
  session = await launch();
}

afterAll(async () => {
  await session?.close();
});

describe('web console: guarantor and finance centre', () => {
  it('guarantor officer sees the open request and the policy cap; a quote above it is refused readably, one within it is taken', async () => {
    const { page } = await newPage(session.browser);
    await login(page, guarantor.email, PASSWORD, '担保需求');
    // Before quoting, the row names the bank's product, not the enterprise (which the guarantor may not read yet).
    const row = page.locator('tr').filter({ hasText: productName });
    // The request opens from events after the acceptance: reload the list until it is there.
    for (let i = 0; !(await row.count()); i++) {
      if (i > 30) throw new Error('the guarantee request never showed up');
      await page.waitForTimeout(2000);
      await page.reload();
      await page.locator('.ant-table').first().waitFor();
    }
    expect(await row.textContent()).not.toContain(enterpriseName);
    await row.getByText('报价后可见').waitFor();
    await shot(page, 'guarantor-requests-before-quote');
    await row.getByRole('button', { name: /^报\s*价/ }).click();
    const modal = page.getByRole('dialog');
    expect(await modal.getByTestId('fee-cap').textContent()).toBe('1.50%');
    await modal.getByLabel('担保费率（%/年）').fill('2');
    await modal.getByRole('button', { name: '提交报价' }).click();
    await modal.getByRole('alert').filter({ hasText: '不符合区金融政策规定' }).waitFor();
    await modal.getByLabel('担保费率（%/年）').fill('0.9');
    await modal.getByRole('button', { name: '提交报价' }).click();
    await modal.waitFor({ state: 'hidden' });
    await row.getByText('0.90% / 80%').waitFor();
    // Having quoted, the institution may read the enterprise: its name shows (the page refreshes itself).
    await row.getByText(enterpriseName).waitFor({ timeout: 45_000 });
    await shot(page, 'guarantor-requests', true);
  });

  it('enterprise picks the guarantee quote', async () => {
    const { page } = await newPage(session.browser);
    await login(page, ent.email, PASSWORD, '企业画像');
    await go(page, '/enterprise/guarantees');
    const quote = page.locator('tr').filter({ hasText: guarantorName });
    await quote.getByRole('button', { name: '选择此报价' }).click();
    await page
      .locator('.ant-popover')
      .getByRole('button', { name: /^选\s*择$/ })
      .click();
    await quote.getByText('已选定').waitFor();
    await shot(page, 'enterprise-guarantees');
  });

  it('finance centre: dashboard charts (time to interactive measured), certification, policy and exports (date range, Excel and CSV)', async () => {
    const { page } = await newPage(session.browser);
    await login(page, process.env.ADMIN_EMAIL ?? 'admin@yinqi.local', process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026', '监测看板');
    // Time to interactive: a fresh navigation to the dashboard until the funnel chart has drawn.
    const t0 = Date.now();
    await page.goto(`${baseUrl()}/finance/dashboard`);
    await page.locator('[data-testid=chart-funnel][data-rendered=true]').waitFor({ timeout: 60_000 });
    const tti = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return n ? { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) } : null;
    });
    writeMetric('dashboard-tti', { ttiMs: tti, navigation: nav, at: new Date().toISOString() });
    process.stdout.write(`dashboard time to interactive: ${tti} ms ${JSON.stringify(nav)}\n`);
    for (const id of ['chart-fee', 'chart-tier', 'chart-bank', 'chart-relief'])
      await page.locator(`[data-testid=${id}][data-rendered=true]`).waitFor();
    await shot(page, 'finance-dashboard', true);

    // 数据导出: a range of Beijing dates, Excel or CSV; a fetch with the Bearer token, saved as a file.
    const exports = page.locator('.ant-card').filter({ hasText: '数据导出' });
    await exports.getByPlaceholder('开始日期').click();
    // The open calendar speaks Chinese (its weekday heads come from dayjs's locale, not antd's).
    const weekdayHeads = page.locator('.ant-picker-dropdown .ant-picker-content th');
    await weekdayHeads.first().waitFor();
    expect((await weekdayHeads.allInnerTexts()).slice(0, 7).join('')).toMatch(/^[一二三四五六日]{7}$/);
    await exports.getByPlaceholder('开始日期').fill('2026-01-01');
    await exports.getByPlaceholder('开始日期').press('Enter');
    await exports.getByPlaceholder('结束日期').fill('2026-12-31');
    await exports.getByPlaceholder('结束日期').press('Enter');
    const xlsx = page.waitForEvent('download', { timeout: 30_000 });
    await exports.getByRole('button', { name: /导出贷款明细/ }).click();
    expect((await xlsx).suggestedFilename()).toBe('贷款明细（2026-01-01至2026-12-31）.xlsx');
    await exports.getByText('CSV', { exact: true }).click();
    const csv = page.waitForEvent('download', { timeout: 30_000 });
    await exports.getByRole('button', { name: /导出担保需求/ }).click();
    expect((await csv).suggestedFilename()).toBe('担保需求（2026-01-01至2026-12-31）.csv');

    await go(page, '/finance/enterprises');
    await pick(page, '按梯度筛选', '未认定');
    await settled(page);
    // Newest first: ours is on the first page unless many were registered after it; page on if needed.
    const row = page.locator('tr').filter({ hasText: enterpriseName });
    for (let i = 0; i < 20 && !(await row.count()); i++) {
      const next = page.getByRole('button', { name: '下一页' });
      if (await next.isDisabled()) break;
      await next.click();
      await settled(page);
    }
    await pick(page, `${enterpriseName} 梯度`, '市级专精特新', row);
    await row.getByRole('switch', { name: `${enterpriseName} 白名单` }).click();
    await row.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.locator('.ant-message').getByText(`已认定 ${enterpriseName}`).waitFor();
    await shot(page, 'finance-enterprises');
    const check = await gql<{ enterprise: { tier: string; whitelisted: boolean } }>(
      'query($id:ID!){ enterprise(id:$id){ tier whitelisted } }',
      { id: ent.enterpriseId },
      admin,
    );
    expect(check.data?.enterprise).toEqual({ tier: 'MUNICIPAL_SRDI', whitelisted: true });

    await go(page, '/finance/policy');
    await page.getByLabel('银行响应时限（小时）').waitFor();
    await page.getByLabel('银行分担比例（%）').fill('30');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('三方分担比例之和须为 100（当前 110）').first().waitFor(); // inline, nothing sent
    await shot(page, 'finance-policy');

    // 工作日历: the 2026 schedule as shipped (春节 with its 调休 Saturdays), 248 working days.
    await go(page, '/finance/calendar');
    await page.getByLabel('年份').fill('2026');
    await page.getByText('2026 年工作日', { exact: true }).waitFor();
    await page.locator('input[value="2026-02-14"]').waitFor();
    expect(await page.locator('.ant-statistic').first().textContent()).toContain('248');
    await shot(page, 'finance-calendar');
  });
});
