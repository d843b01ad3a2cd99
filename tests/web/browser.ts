// Browser-test support: Debian's Chromium driven by playwright-core, one context per signed-in role,
// screenshots under .data/artifacts/screenshots/ (the main ones also copied to docs/screenshots/).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const SHOTS = path.join(ROOT, '.data/artifacts/screenshots');
const DOCS_SHOTS = path.join(ROOT, 'docs/screenshots');

/** The console's origin: the gateway serves it at `/`, beside /graphql. */
export const baseUrl = () => new URL('/', process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql').toString().replace(/\/$/, '');

export interface Session {
  browser: Browser;
  close: () => Promise<void>;
}

export async function launch(): Promise<Session> {
  // chromium.launch gives every browser a fresh temporary profile (user-data dir), removed on close.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form and waits for the role's navigation. */
export async function login(page: Page, email: string, password: string, expectNav: string): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  const nav = page.getByRole('navigation', { name: '主导航' }).getByText(expectNav);
  // A busy shared machine can make the identity service miss the gateway's timeout (INTERNAL_SERVER_ERROR,
  // shown as 服务暂时不可用): try again, as a user would, a few times.
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const outcome = await Promise.race([
      nav.waitFor().then(() => 'in'),
      page
        .getByRole('alert')
        .filter({ hasText: '服务暂时不可用' })
        .waitFor()
        .then(() => 'retry'),
    ]);
    if (outcome === 'in') return;
    if (attempt >= 4) throw new Error(`login as ${email} kept failing with 服务暂时不可用`);
  }
}

/** Retries API set-up that a busy machine can time out (INTERNAL_SERVER_ERROR from the gateway). */
export async function retrying<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !/INTERNAL_SERVER_ERROR|unavailable/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}

export async function go(page: Page, pathname: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).locator(`a[href="${pathname}"]`).click();
}

/** Full-page screenshot to the artifacts folder; `docs` also copies it for the README. */
export async function shot(page: Page, name: string, docs = false): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.waitForTimeout(300); // let antd's animations settle (visual only; every assertion waits on a condition)
  await page.screenshot({ path: file, fullPage: false });
  if (docs) {
    mkdirSync(DOCS_SHOTS, { recursive: true });
    copyFileSync(file, path.join(DOCS_SHOTS, `${name}.png`));
  }
  return file;
}

export function writeMetric(name: string, value: unknown): void {
  const dir = path.join(ROOT, '.data/artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `web-${name}.json`), JSON.stringify(value, null, 2));
}

/**
 * Picks an option of an antd Select found by its label, in THAT select's dropdown (found through the
 * combobox's aria-controls): antd keeps a closed dropdown in the page while it animates out, so "the
 * visible dropdown" can still be the previous select's — whose options may carry the same text.
 */
export async function pick(
  page: Page,
  label: string | RegExp,
  option: string,
  scope?: ReturnType<Page['locator']>,
  opts: { search?: boolean } = {},
): Promise<void> {
  const root = scope ?? page.locator('body');
  // antd's search input is not itself clickable: click the select that holds it.
  const select = root
    .locator('.ant-select')
    .filter({ has: page.getByRole('combobox', { name: label }) })
    .first();
  await select.click();
  // A searchable select with many options (a virtual list shows a few): type to narrow it first.
  if (opts.search) await page.keyboard.type(option);
  const list = await select.getByRole('combobox').getAttribute('aria-controls');
  if (!list) throw new Error(`select ${String(label)} names no listbox`);
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) });
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  // A single select closes on the choice; a multiple one stays open for more (the caller presses Escape).
  if (!(await select.evaluate((el) => el.classList.contains('ant-select-multiple')))) await dropdown.waitFor({ state: 'hidden' });
}

/** Waits until every data region on the page has finished (re)loading (Loadable's aria-busy). */
export async function settled(page: Page): Promise<void> {
  await page.locator('[aria-busy=true]').first().waitFor({ state: 'detached', timeout: 60_000 });
}

/** Presses Tab until the focused element matches the CSS `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** How far the page is wider than the viewport (0 when nothing overflows sideways). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
