// 审计日志's "校验" in a real browser against a trail changed behind the platform's back (straight in the
// audit service's database): the page names the first broken entry, and says 完整 again once the entry
// is put back. Solo: it breaks the chain on purpose, which no other file running meanwhile should see.
import { mongoose } from '@yinqi/db';
import { gql } from '@yinqi/testing';
import { signInAdmin } from '../support/actors';
import { launch, login, newPage, go, settled, shot, type Session } from './browser';

jest.setTimeout(240_000);

type Stored = { _id: string; seq: number; [field: string]: unknown };
let session: Session;
let conn: mongoose.Connection;
let entries: mongoose.mongo.Collection<Stored>;

beforeAll(async () => {
  if (!process.env.MONGO_URL || !process.env.YINQI_DB_PREFIX)
    throw new Error('MONGO_URL and YINQI_DB_PREFIX are not set: run this test through npm test');
  const admin = await signInAdmin();
  // A few recorded operations, so the broken entry sits inside the chain.
  for (let i = 0; i < 4; i += 1) {
    const r = await gql(
      'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
      { input: { kind: 'BANK', name: `校验界面测试银行-${i}` } },
      admin,
    );
    expect(r.errors).toBeUndefined();
  }
  conn = await mongoose
    .createConnection(process.env.MONGO_URL, { dbName: `${process.env.YINQI_DB_PREFIX}_audit`, retryWrites: false })
    .asPromise();
  entries = conn.db!.collection<Stored>('audit_entries');
  session = await launch();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await conn?.close();
});

it('校验 shows 完整 on the stored chain, 第 N 条被篡改 once entry N was changed in the database, and 完整 again when restored', async () => {
  const { page } = await newPage(session.browser);
  await login(page, process.env.ADMIN_EMAIL ?? 'admin@yinqi.local', process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026', '审计日志');
  await go(page, '/finance/audit');
  await settled(page);
  const verdict = page.getByTestId('audit-verify');
  /** Clicks 校验 and waits until the verdict shown says `expected` (the previous one is cleared on the click). */
  const verify = async (expected: RegExp) => {
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await verdict.filter({ hasText: expected }).waitFor();
  };

  await verify(/完整：已校验 \d+ 条/);

  const seq = 3;
  const original = await entries.findOne({ seq });
  if (!original) throw new Error(`no stored audit entry with seq ${seq}`);
  await entries.updateOne({ seq }, { $set: { targetId: 'someone-else' } });
  try {
    await verify(new RegExp(`第 ${seq} 条被篡改`));
    expect(await verdict.getAttribute('data-ok')).toBe('false');
    await shot(page, 'finance-audit-tampered');
  } finally {
    await entries.replaceOne({ seq }, original);
  }
  await verify(/完整：已校验 \d+ 条/);
});
