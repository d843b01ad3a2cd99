// Keyboard and small screens (issue 7): an enterprise signs in and posts a demand with the keyboard alone
// (Tab, typing, Enter; the focused link is visibly outlined), and the finance centre's listing board and
// the enterprise's capital page render at phone width (390px) with nothing overflowing sideways.
import { PASSWORD, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { gql } from '@yinqi/testing';
import { baseUrl, horizontalOverflow, launch, login, newPage, retrying, settled, shot, tabTo, type Session } from './browser';

jest.setTimeout(240_000);

const suffix = Date.now().toString(36);
const enterpriseName = `重庆界面测试键盘操作有限公司${suffix}`;
let session: Session;
let ent: EnterpriseActor;

beforeAll(() =>
  retrying(async () => {
    const admin = await signInAdmin();
    ent = await registerEnterprise({ name: enterpriseName, industry: `无障碍-${suffix}` });
    // something on the listing board, so the phone-width check renders a card, not only empty columns
    const r = await gql(
      'mutation($id:ID!){ setListingStage(enterpriseId:$id, stage: NEEQ_BASIC, note:"键盘测试"){ stage } }',
      { id: ent.enterpriseId },
      admin,
    );
    if (!r.data) throw new Error(`setListingStage: ${JSON.stringify(r.errors)}`);
    session = await launch();
  }),
);

afterAll(async () => {
  await session?.close();
});

describe('web console: keyboard and phone width', () => {
  it('an enterprise signs in and posts a demand with the keyboard only', async () => {
    const { page, context } = await newPage(session.browser);
    await page.goto(`${baseUrl()}/login`);
    // the e-mail field has the focus on arrival
    await page.getByLabel('邮箱').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.keyboard.type(ent.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: '主导航' }).getByText('企业画像').waitFor();

    // to 融资需求 through the navigation: the focused link shows an outline
    await tabTo(page, 'a[href="/enterprise/demands"]');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/enterprise\/demands$/);

    await tabTo(page, '#amount');
    await page.keyboard.type('3000000');
    await tabTo(page, '#maxAnnualRate');
    await page.keyboard.type('4.8');
    await page.keyboard.press('Enter'); // submits the form
    await page.waitForURL(/\/enterprise\/demands\/[^/]+$/);
    await page.getByTestId('demand-status').waitFor();
    await shot(page, 'keyboard-demand-posted');
    await context.close();
  });

  it('the listing board and the capital page fit a phone screen (390px) without sideways scrolling', async () => {
    const fc = await newPage(session.browser, { width: 390, height: 844 });
    await login(fc.page, process.env.ADMIN_EMAIL ?? 'admin@yinqi.local', process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026', '监测看板');
    await fc.page.goto(`${baseUrl()}/finance/listing`);
    await fc.page.locator(`[data-testid=candidate-${ent.enterpriseId}]`).waitFor();
    await settled(fc.page);
    expect(await horizontalOverflow(fc.page)).toBeLessThanOrEqual(1);
    await shot(fc.page, 'finance-listing-phone');
    await fc.context.close();

    const e = await newPage(session.browser, { width: 390, height: 844 });
    await login(e.page, ent.email, PASSWORD, '企业画像');
    await e.page.goto(`${baseUrl()}/enterprise/capital`);
    await e.page.getByText('尚未发起股权融资').waitFor();
    await settled(e.page);
    expect(await horizontalOverflow(e.page)).toBeLessThanOrEqual(1);
    await shot(e.page, 'enterprise-capital-phone');
    await e.context.close();
  });
});
