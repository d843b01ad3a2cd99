// The console's 开放接口 page in a real browser (API-CONTRACT-OPEN.md): a bank officer registers a
// webhook pointing at a real local HTTP receiver, sees its signing secret once (and that secret really
// signs what arrives), sees the delivery of a real match as 已送达, presses 重新推送 and the receiver
// gets the same event id again, and stops the webhook. An officer creates an API client with scopes and
// sees its secret once; that secret really buys a token at POST /oauth/token, 轮换密钥 replaces it (the
// old one stops at once) and 停用 stops the client. The page fits a phone screen.
import { gql, waitFor } from '@yinqi/testing';
import type { Page } from 'playwright-core';
import { createOfficer, PASSWORD, registerEnterprise, signInAdmin } from '../support/actors';
import { postDemand, publishProduct, waitForMatches } from '../matching/journey';
import { Receiver, validSignature } from '../src/fixtures/webhook-receiver';
import { baseUrl, go, horizontalOverflow, launch, login, newPage, pick, retrying, settled, shot, type Session } from './browser';

jest.setTimeout(300_000);

let session: Session;
let receiver: Receiver;
let bank: { token: string; email: string };
let ent: { token: string };
let product: { id: string };

beforeAll(() =>
  retrying(async () => {
    const admin = await signInAdmin();
    bank = await createOfficer(admin, 'BANK_OFFICER');
    // An industry of this file's own: only this enterprise matches this bank's product.
    const industry = `开放接口页面-${Date.now().toString(36)}`;
    ent = await registerEnterprise({ industry });
    product = await publishProduct(bank.token, { name: '专精特新贷', industries: [industry] });
    receiver = await new Receiver().start();
    session = await launch();
  }),
);

afterAll(async () => {
  await session?.close();
  await receiver?.stop();
});

/** The API clients section settles either on its table / empty state or on 暂未开放, never on an error. */
async function expectClientsSection(page: Page) {
  const card = page.locator('.ant-card').filter({ hasText: '接口客户端（API）' });
  await card.waitFor();
  await Promise.race([
    card.getByTestId('api-clients-unavailable').waitFor(),
    card.getByRole('heading', { name: '创建接口客户端' }).waitFor(),
  ]);
  expect(await card.getByText('加载失败').count()).toBe(0);
}

/** POST /oauth/token with a client's id and secret (client credentials): the HTTP status it answers. */
async function tokenStatus(clientId: string, clientSecret: string): Promise<number> {
  const res = await fetch(`${baseUrl()}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  await res.body?.cancel();
  return res.status;
}

/** Confirms the popconfirm that a row's button opened, by its OK button's text. */
async function confirm(page: Page, ok: RegExp) {
  await page.locator('.ant-popconfirm').getByRole('button', { name: ok }).click();
}

const deliveryRows = (page: Page) => page.locator('.ant-card').filter({ hasText: '最近推送记录' }).locator('tbody tr.ant-table-row');

/** Presses 刷新 until a delivery row shows `text` (the service delivers asynchronously). */
async function refreshUntilRow(page: Page, text: string, count = 1) {
  const card = page.locator('.ant-card').filter({ hasText: '最近推送记录' });
  await waitFor(
    async () => {
      await card.getByRole('button', { name: /刷\s*新/ }).click();
      await settled(page);
      return (await deliveryRows(page).filter({ hasText: text }).count()) >= count ? true : null;
    },
    { timeoutMs: 60_000, intervalMs: 500, message: `a delivery row showing ${text}` },
  );
}

describe('web console: 开放接口', () => {
  it('registers a webhook, shows its secret once, logs the real delivery, redelivers the same event and stops it', async () => {
    const { context, page } = await newPage(session.browser);
    await login(page, bank.email, PASSWORD, '对接待办');
    await go(page, '/open');
    await page.getByText('尚未登记推送地址').waitFor();
    await expectClientsSection(page);

    // Only the bank's events are offered; a guarantor's or a fund's are not.
    const hookCard = page.locator('.ant-card').filter({ hasText: '事件推送（Webhook）' });
    await hookCard.getByRole('checkbox', { name: '新匹配' }).waitFor();
    expect(await hookCard.getByRole('checkbox', { name: '新担保需求' }).count()).toBe(0);
    expect(await hookCard.getByRole('checkbox', { name: '新项目匹配' }).count()).toBe(0);

    // The form refuses an empty event list before asking the server.
    await page.getByLabel('推送地址（URL）').fill(receiver.url);
    await hookCard.getByRole('button', { name: /登\s*记/ }).click();
    await hookCard.getByText('请至少选择一个事件').waitFor();

    await hookCard.getByRole('checkbox', { name: '新匹配' }).check();
    await hookCard.getByRole('button', { name: /登\s*记/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '签名密钥' });
    const secret = (await dialog.getByTestId('one-time-secret').innerText()).trim();
    expect(secret).toMatch(/^\S{32,}$/);
    await dialog.getByText('签名密钥只显示这一次').waitFor();
    await shot(page, 'open-interface-secret');
    await dialog.getByRole('button', { name: /我已妥善保存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Shown once: nowhere on the page any more.
    expect(await page.locator('body').innerText()).not.toContain(secret);

    const hookRow = hookCard.locator('tbody tr.ant-table-row').filter({ hasText: receiver.url });
    await hookRow.getByText('新匹配').waitFor();
    await hookRow.getByText('启用', { exact: true }).waitFor();

    // A real match for the bank's product: the receiver hears of it, signed with the secret shown above.
    const demand = await postDemand(ent.token);
    const [match] = await waitForMatches(ent.token, demand.id, [product], (m) => m.length === 1, 'match');
    const first = await waitFor(() => receiver.delivered.find((r) => r.body.data.matchId === match!.id), {
      timeoutMs: 60_000,
      message: 'the receiver got MATCH_PROPOSED',
    });
    expect(first.body.event).toBe('MATCH_PROPOSED');
    expect(validSignature(secret, first)).toBe(true);

    // The delivery log shows it 已送达, filtered on the server by status.
    await pick(page, '按状态筛选', '已送达');
    await refreshUntilRow(page, '已送达');
    const row = deliveryRows(page).filter({ hasText: '已送达' }).first();
    await row.getByText('新匹配').waitFor();
    await row.getByText('HTTP 200').waitFor();
    expect(await deliveryRows(page).filter({ hasText: '待推送' }).count()).toBe(0);
    await shot(page, 'open-interface', true);

    // 重新推送: the receiver gets the same event (same id, same body) again, as a new delivery.
    await row.getByRole('button', { name: '重新推送' }).click();
    await page.getByText('已重新推送（同一事件编号）').waitFor();
    const again = await waitFor(() => receiver.delivered.filter((r) => r.body.data.matchId === match!.id)[1], {
      timeoutMs: 30_000,
      message: 'the redelivery reached the receiver',
    });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['yinqi-delivery']).not.toBe(first.headers['yinqi-delivery']);
    expect(validSignature(secret, again)).toBe(true);
    await refreshUntilRow(page, '已送达', 2);

    // 停用 (confirmed): the row says so, and the gateway agrees.
    await hookRow.getByRole('button', { name: /^停\s*用$/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^停\s*用$/ })
      .click();
    await page.getByText('已停用推送').waitFor();
    await hookRow.getByText('停用', { exact: true }).waitFor();
    await hookRow.getByRole('button', { name: /^启\s*用$/ }).waitFor();
    const listed = await gql<{ webhooks: { url: string; active: boolean }[] }>('{ webhooks { url active } }', {}, bank.token);
    expect(listed.data!.webhooks.find((w) => w.url === receiver.url)?.active).toBe(false);
    await context.close();
  });

  it('creates an API client with scopes and shows its secret once; the secret buys a token, 轮换密钥 replaces it, 停用 stops it', async () => {
    const { context, page } = await newPage(session.browser);
    await login(page, bank.email, PASSWORD, '对接待办');
    await go(page, '/open');
    const card = page.locator('.ant-card').filter({ hasText: '接口客户端（API）' });
    await card.getByRole('heading', { name: '创建接口客户端' }).waitFor();
    // A bank is offered the bank's scopes only.
    await card.getByRole('checkbox', { name: '读取匹配' }).waitFor();
    expect(await card.getByRole('checkbox', { name: '提交担保报价' }).count()).toBe(0);

    const name = `信贷管理系统-${Date.now().toString(36)}`;
    await card.getByLabel('名称').fill(name);
    await card.getByRole('button', { name: /^创\s*建$/ }).click();
    await card.getByText('请至少选择一项权限').waitFor();
    await card.getByRole('checkbox', { name: '读取匹配' }).check();
    await card.getByRole('checkbox', { name: '响应匹配' }).check();
    await card.getByRole('button', { name: /^创\s*建$/ }).click();

    const dialog = page.getByRole('dialog').filter({ hasText: '客户端密钥' });
    const secret = (await dialog.getByTestId('one-time-secret').innerText()).trim();
    expect(secret).toMatch(/^\S{32,}$/);
    await dialog.getByText('客户端密钥只显示这一次').waitFor();
    await shot(page, 'open-interface-client-secret');
    await dialog.getByRole('button', { name: /我已妥善保存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('body').innerText()).not.toContain(secret);

    const row = card.locator('tbody tr.ant-table-row').filter({ hasText: name });
    await row.getByText('读取匹配').waitFor();
    await row.getByText('响应匹配').waitFor();
    await row.getByText('正常', { exact: true }).waitFor();
    const listed = await gql<{ apiClients: { name: string; clientId: string; scopes: string[] }[] }>(
      '{ apiClients { name clientId scopes } }',
      {},
      bank.token,
    );
    const client = listed.data!.apiClients.find((c) => c.name === name)!;
    expect(client.scopes.sort()).toEqual(['MATCHES_READ', 'MATCHES_RESPOND']);
    await row.getByText(client.clientId).waitFor();
    // The secret shown once is the real one.
    expect(await tokenStatus(client.clientId, secret)).toBe(200);

    // 轮换密钥: a new secret, shown once; the old one stops at once.
    await row.getByRole('button', { name: '轮换密钥' }).click();
    await confirm(page, /^轮\s*换$/);
    const rotatedDialog = page.getByRole('dialog').filter({ hasText: '新的客户端密钥' });
    const rotated = (await rotatedDialog.getByTestId('one-time-secret').innerText()).trim();
    expect(rotated).toMatch(/^\S{32,}$/);
    expect(rotated).not.toBe(secret);
    await rotatedDialog.getByText('旧密钥已失效').waitFor();
    await rotatedDialog.getByRole('button', { name: /我已妥善保存/ }).click();
    await rotatedDialog.waitFor({ state: 'hidden' });
    expect(await tokenStatus(client.clientId, secret)).toBe(401);
    expect(await tokenStatus(client.clientId, rotated)).toBe(200);

    // 停用 (confirmed): the row says so, and the client can no longer get a token.
    await row.getByRole('button', { name: /^停\s*用$/ }).click();
    await confirm(page, /^停\s*用$/);
    await page.getByText(`已停用 ${name}`).waitFor();
    await row.getByText('停用', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^启\s*用$/ }).waitFor();
    expect(await tokenStatus(client.clientId, rotated)).toBe(401);
    await shot(page, 'open-interface-clients');
    await context.close();
  });

  it('fits a phone screen (390px) without sideways scrolling', async () => {
    const { context, page } = await newPage(session.browser, { width: 390, height: 844 });
    await login(page, bank.email, PASSWORD, '对接待办');
    await page.goto(`${baseUrl()}/open`);
    await page.locator('.ant-card').filter({ hasText: '最近推送记录' }).waitFor();
    await expectClientsSection(page);
    await settled(page);
    const overflow = await horizontalOverflow(page);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'open-interface-phone');
    await context.close();
  });
});
