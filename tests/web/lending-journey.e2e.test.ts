// The web console in a real browser: the bank officer publishes a product, the enterprise posts a demand
// and sees the ranked match with every rule's reason, live as the bank responds and offers; the
// enterprise accepts, the bank disburses, the enterprise requests relief and the bank decides it.
import { createInstitution, createOfficer, PASSWORD, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { baseUrl, go, launch, login, newPage, pick, retrying, shot, type Session } from './browser';
import type { Page } from 'playwright-core';

jest.setTimeout(240_000);

const suffix = Date.now().toString(36);
const industry = `精密传动-${suffix}`;
const enterpriseName = `重庆界面测试精密传动有限公司${suffix}`;
const bankName = `界面测试农商银行${suffix}`;
const productName = `专精特新贷-界面${suffix}`;

let session: Session;
let ent: EnterpriseActor;
let bank: { email: string; token: string };
let bankPage: Page;
let entPage: Page;

beforeAll(() => retrying(setUp));

async function setUp() {
  const admin = await signInAdmin();
  const inst = await createInstitution(admin, 'BANK', bankName);
  bank = await createOfficer(admin, 'BANK_OFFICER', inst.id);
  ent = await registerEnterprise({ name: enterpriseName, industry });
  session = await launch();
  bankPage = (await newPage(session.browser)).page;
  entPage = (await newPage(session.browser)).page;
}

afterAll(async () => {
  await session?.close();
});

describe('web console: enterprise and bank journeys', () => {
  it('serves the console at / with an SPA fallback, and leaves the API paths alone', async () => {
    const root = await fetch(`${baseUrl()}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(`${baseUrl()}/enterprise/demands/anything`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    const health = await fetch(`${baseUrl()}/healthz`);
    expect(health.headers.get('content-type')).toContain('application/json');
    const missing = await fetch(`${baseUrl()}/assets/nope.js`);
    expect(missing.status).toBe(404);
  });

  it('shows a readable Chinese error for a wrong password', async () => {
    await entPage.goto(`${baseUrl()}/login`);
    await entPage.getByLabel('邮箱').fill(ent.email);
    await entPage.getByLabel('密码').fill('wrong-password-123');
    await entPage.getByRole('button', { name: /登\s*录/ }).click();
    await entPage.getByRole('alert').filter({ hasText: '登录已失效或账号密码错误' }).waitFor();
    await shot(entPage, 'login', true);
  });

  it('bank officer publishes a product from the catalogue page', async () => {
    await login(bankPage, bank.email, PASSWORD, '对接待办');
    await go(bankPage, '/bank/products');
    const form = bankPage.locator('.ant-card').filter({ hasText: '发布新产品' });
    await form.getByLabel('产品名称').fill(productName);
    await form.getByLabel('最低额度（元）').fill('1000000');
    await form.getByLabel('最高额度（元）').fill('10000000');
    await form.getByLabel('最短期限（月）').fill('6');
    await form.getByLabel('最长期限（月）').fill('36');
    await form.getByLabel('最低年利率（%）').fill('3.45');
    await form.getByLabel('最高年利率（%）').fill('4.2');
    await form.getByLabel('适用行业（不填表示不限）').fill(industry);
    await form.getByLabel('适用行业（不填表示不限）').press('Enter');
    await pick(bankPage, '政策标签', '专精特新贷', form);
    await bankPage.keyboard.press('Escape');
    await form.getByRole('button', { name: '发布产品' }).click();
    const row = bankPage.locator('tr').filter({ hasText: productName });
    await row.getByText('已上架').waitFor();
    await shot(bankPage, 'bank-products');
  });

  it('enterprise sees its tier badge, posts a demand (with inline validation) and sees the ranked match with its reasons', async () => {
    await login(entPage, ent.email, PASSWORD, '企业画像');
    await entPage.getByTestId('tier-badge').waitFor();
    expect(await entPage.getByTestId('tier-badge').textContent()).toBe('未认定');
    await shot(entPage, 'enterprise-profile');

    await go(entPage, '/enterprise/demands');
    const form = entPage.locator('.ant-card').filter({ hasText: '发布融资需求' });
    await form.getByLabel('融资金额（元）').fill('3000000000');
    await form.getByLabel('可接受最高年化利率（%）').fill('4.5');
    await form.getByRole('button', { name: '发布需求' }).click();
    await form.getByText('金额须为 1 至 2,000,000,000 元的整数').waitFor(); // inline, nothing sent
    await form.getByLabel('融资金额（元）').fill('5000000');
    await form.getByRole('button', { name: '发布需求' }).click();

    await entPage.waitForURL(/\/enterprise\/demands\/[^/]+$/);
    await entPage.getByTestId('live-badge').locator('text=实时更新中').waitFor();
    const matchRow = entPage.locator('[data-testid=matches] tr').filter({ hasText: bankName });
    await matchRow.waitFor({ timeout: 60_000 });
    await matchRow.getByText('待银行响应').waitFor();
    // every rule's pass/fail reason is shown under the match (expanded)
    const reasons = entPage.locator('[data-testid=matches] .ant-table-expanded-row').first();
    await reasons.locator('[aria-label=通过]').first().waitFor();
    await shot(entPage, 'enterprise-demand', true);
  });

  it('bank responds and offers within the eligibility cap; the enterprise sees it live and accepts the cheapest offer', async () => {
    await go(bankPage, '/bank/inbox');
    const row = bankPage.locator('tr').filter({ hasText: enterpriseName });
    await row.waitFor({ timeout: 60_000 });
    await row.getByTestId('countdown').waitFor();
    expect(await row.getByTestId('countdown').textContent()).toMatch(/^剩余 \d+小时/);
    await shot(bankPage, 'bank-inbox', true);
    await row.getByRole('button', { name: '有意向' }).click();

    // the enterprise's page follows live (SSE), without a reload
    const entRow = entPage.locator('[data-testid=matches] tr').filter({ hasText: bankName });
    await entRow.getByText('银行有意向').waitFor({ timeout: 30_000 });

    await row.getByRole('button', { name: '出具报价' }).click();
    const modal = bankPage.getByRole('dialog');
    expect(await modal.getByTestId('eligibility-cap').textContent()).toBe('¥10,000,000');
    await modal.getByLabel('报价金额（元）').fill('20000000');
    await modal.getByRole('button', { name: '发送报价' }).click();
    await modal.getByText(/金额须为 1 至 10000000 元的整数/).waitFor();
    await modal.getByLabel('报价金额（元）').fill('5000000');
    await modal.getByLabel('年利率（%）').fill('3.6');
    await modal.getByRole('button', { name: '发送报价' }).click();
    await modal.waitFor({ state: 'hidden' });

    const offers = entPage.getByTestId('offers');
    const offerRow = offers.locator('tr').filter({ hasText: bankName });
    await offerRow.waitFor({ timeout: 30_000 });
    await offerRow.getByText('3.60%').first().waitFor();
    await offerRow.getByRole('button', { name: '接受报价' }).click();
    await entPage
      .locator('.ant-popover')
      .getByRole('button', { name: /^接\s*受$/ })
      .click();
    await entPage.getByTestId('demand-status').filter({ hasText: '已接受' }).waitFor({ timeout: 30_000 });
  });

  it('bank disburses; the enterprise sees the schedule and next due date and requests a deferral, which the bank approves', async () => {
    await bankPage.reload();
    await go(bankPage, '/bank/inbox');
    const row = bankPage.locator('tr').filter({ hasText: enterpriseName });
    await row.getByRole('button', { name: /^放\s*款$/ }).click({ timeout: 30_000 });
    const modal = bankPage.getByRole('dialog');
    await modal.getByRole('button', { name: '确认放款' }).click();
    await modal.waitFor({ state: 'hidden' });

    await go(entPage, '/enterprise/loans');
    const loan = entPage.locator('[data-testid^=loan-]').filter({ hasText: bankName });
    await loan.waitFor({ timeout: 30_000 });
    expect(await loan.getByTestId('next-due').textContent()).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
    await loan.getByText('还款计划（12 期）').waitFor();
    await loan.getByLabel('延期/续贷月数').fill('3');
    await loan.getByLabel('申请理由').fill('受上游订单延迟影响，申请延期三个月还本付息');
    await loan.getByRole('button', { name: '提交申请' }).click();
    await loan.getByTestId('relief-DEFERRAL').getByText('审批中').waitFor();
    await shot(entPage, 'enterprise-loans');

    await go(bankPage, '/bank/loans');
    const bankLoan = bankPage.locator('[data-testid^=loan-]').filter({ hasText: enterpriseName });
    await bankLoan.getByLabel('跟踪记录').fill('现场走访，订单恢复中');
    await bankLoan.getByRole('button', { name: '保存记录' }).click();
    await bankLoan.getByText('现场走访，订单恢复中').waitFor();
    await bankLoan
      .getByTestId('relief-DEFERRAL')
      .getByRole('button', { name: /^批\s*准$/ })
      .click();
    await bankLoan.getByTestId('relief-DEFERRAL').getByText('已批准').waitFor();
    await shot(bankPage, 'bank-loans');

    await entPage.reload();
    await entPage
      .locator('[data-testid^=loan-]')
      .filter({ hasText: bankName })
      .getByTestId('relief-DEFERRAL')
      .getByText('已批准')
      .waitFor();
  });

  it('works at phone width', async () => {
    const { page, context } = await newPage(session.browser, { width: 390, height: 844 });
    await login(page, ent.email, PASSWORD, '企业画像');
    await page.getByTestId('tier-badge').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'enterprise-profile-phone');
    await context.close();
  });
});
