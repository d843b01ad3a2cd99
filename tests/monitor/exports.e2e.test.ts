import ExcelJS from 'exceljs';
import { gql, waitFor } from '@yinqi/testing';
import { ADD_BOND, ok, SET_STAGE } from '../capital/capital-actors';
import { accept, DISBURSE, offeredMatch, type AcceptedMatch, type LoanView } from '../loan/loan-journey';
import { createInstitution, createOfficer, signInAdmin } from '../support/actors';
import { exportCsv, exportFile, type ExportName, type ExportQuery } from './monitor-support';

// The exports as a Chinese office opens them (issue 19): one guaranteed loan journey, a listing
// candidate and a bond reserve item of this file's own enterprise, downloaded through the gateway as
// .xlsx (read back with exceljs) and as CSV, for a range of Beijing dates. Other files run at the
// same time: only this file's rows are looked at.
jest.setTimeout(180_000);

const QUOTE = 'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }';
const SELECT = 'mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id status } }';
const REQUESTS = 'query{ guaranteeRequests(first: 100){ edges { node { id match { id } } } } }';

/** `yyyy-MM-dd HH:mm` and `yyyy-MM-dd` in Beijing time (UTC+8, no daylight saving). */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const beijingDay = (iso: string) => beijing(iso).slice(0, 10);
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The sheet as objects keyed by the header row's texts, read back from the bytes the gateway sent. */
async function readSheet(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  const numFmts: Record<string, string | undefined> = {};
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
    header.forEach((h, i) => (numFmts[h] ??= row.getCell(i + 1).numFmt));
  });
  return { name: sheet.name, header, rows, numFmts };
}

/** Waits until this file's row (by its first column) is in the export for `query`, then returns the sheet and the row. */
async function sheetWith(
  kind: ExportName,
  id: string,
  query: ExportQuery,
  admin: string,
  accept: (r: Record<string, unknown>) => boolean = () => true,
) {
  return waitFor(
    async () => {
      const file = await exportFile(kind, 'xlsx', admin, query);
      expect(file.status).toBe(200);
      const sheet = await readSheet(file.bytes);
      const row = sheet.rows.find((r) => Object.values(r)[0] === id);
      return row && accept(row) ? { file, sheet, row } : null;
    },
    { timeoutMs: 60_000, intervalMs: 500, message: `${kind}: row ${id}` },
  );
}

let admin: string;
let a: AcceptedMatch;
let loan: LoanView;
let guarantor: { id: string; name: string };
let requestId: string;
let bondId: string;
let today: string;
const disbursedAt = new Date().toISOString();

beforeAll(async () => {
  admin = await signInAdmin();
  a = await offeredMatch(admin, { amount: 1_000_000, annualRate: 3.85, termMonths: 12 }, { needsGuarantee: true });
  guarantor = await createInstitution(admin, 'GUARANTOR', `重庆导出测试融资担保有限公司-${Math.random().toString(36).slice(2, 6)}`);
  const officer = await createOfficer(admin, 'GUARANTOR_OFFICER', guarantor.id);
  await accept(a);
  requestId = await waitFor(
    async () =>
      (
        await gql<{ guaranteeRequests: { edges: { node: { id: string; match: { id: string } } }[] } }>(REQUESTS, {}, a.ent.token)
      ).data?.guaranteeRequests.edges.find((e) => e.node.match.id === a.matchId)?.node.id,
    { timeoutMs: 30_000, intervalMs: 200, message: 'the guarantee request to open' },
  );
  const quote = await ok<{ submitGuaranteeQuote: { id: string } }>(
    QUOTE,
    { id: requestId, input: { feeRate: 0.8, coverageRatio: 80 } },
    officer.token,
  );
  await ok(SELECT, { id: quote.submitGuaranteeQuote.id }, a.ent.token);
  loan = await waitFor(
    async () => {
      const r = await gql<{ disburseLoan: LoanView }>(
        DISBURSE,
        { m: a.matchId, input: { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' } },
        a.bank.token,
      );
      return r.data?.disburseLoan ?? null;
    },
    { timeoutMs: 30_000, intervalMs: 300, message: 'the guaranteed loan disbursed' },
  );
  await ok(SET_STAGE, { id: a.ent.enterpriseId, s: 'RESERVE', n: null }, admin);
  const bond = await ok<{ addBondReserve: { id: string } }>(
    ADD_BOND,
    { input: { enterpriseId: a.ent.enterpriseId, amount: 30_000_000, purpose: '数控机床产线扩建', plannedQuarter: '2026Q4' } },
    admin,
  );
  bondId = bond.addBondReserve.id;
  today = beijingDay(disbursedAt);
});

describe('exports for a Chinese office, through the gateway', () => {
  it('gives an Excel workbook of loans with Chinese headers, Chinese labels and Beijing times, for a range of dates', async () => {
    // The tier arrives on its own event: wait for the row to carry it.
    const tiered = (r: Record<string, unknown>) => r['企业梯度'] === '创新型中小企业';
    const { file, sheet, row } = await sheetWith('loans', loan.id, { from: today, to: today }, admin, tiered);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.contentDisposition).toContain(`filename*=UTF-8''${encodeURIComponent('贷款.xlsx')}`);
    expect(sheet.name).toBe('贷款');
    expect(sheet.header.slice(0, 3)).toEqual(['贷款编号', '放款时间', '状态']);
    expect(row).toMatchObject({
      状态: '正常',
      企业梯度: '创新型中小企业',
      还款方式: '等额本息',
      '贷款金额（元）': 1_000_000,
      '担保费率（%/年）': 0.8,
    });
    // A real date cell: its wall-clock time is Beijing's, shown to the minute.
    expect((row['放款时间'] as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(beijing(disbursedAt));
    expect(sheet.numFmts['放款时间']).toBe('yyyy-mm-dd hh:mm');

    // The day before leaves it out; a range that begins after it is refused when it ends before it begins.
    const before = await readSheet((await exportFile('loans', 'xlsx', admin, { from: dayBefore(today), to: dayBefore(today) })).bytes);
    expect(before.rows.find((r) => r['贷款编号'] === loan.id)).toBeUndefined();
    expect((await exportFile('loans', 'xlsx', admin, { from: today, to: dayBefore(today) })).status).toBe(400);
  });

  it('lists the match, the guarantee request, the listing candidate and the bond item with Chinese labels', async () => {
    // From the day before: the journey may have begun before midnight in Beijing.
    const range = { from: dayBefore(today), to: today };
    const match = await sheetWith('matches', a.matchId, range, admin, (r) => r['状态'] === '已放款');
    expect(match.sheet.header).toContain('匹配时间');
    expect(match.row).toMatchObject({ '报价年利率（%）': 3.85, '需求金额（元）': 1_000_000 });

    const g = await sheetWith('guarantees', requestId, range, admin, (r) => r['状态'] === '已选定');
    expect(g.row).toMatchObject({ 选定担保机构: guarantor.name, '担保费率（%/年）': 0.8, '担保责任比例（%）': 80, 报价数: 1 });

    const listing = await sheetWith('listing', a.ent.enterpriseId, range, admin, (r) => r['企业梯度'] === '创新型中小企业');
    expect(listing.row).toMatchObject({ 当前阶段: '上市后备资源库', 企业梯度: '创新型中小企业' });

    const bonds = await sheetWith('bonds', bondId, range, admin);
    expect(bonds.row).toMatchObject({ '拟融资金额（元）': 30_000_000, 资金用途: '数控机床产线扩建', 计划发行季度: '2026Q4' });
  });

  it('gives the same as CSV (UTF-8 with BOM, Beijing times), and the old machine columns on request', async () => {
    const csv = await exportCsv('loans', admin, { from: today, to: today });
    expect(csv.status).toBe(200);
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['贷款编号', '放款时间', '状态']);
    expect(lines.find((l) => l.startsWith(`${loan.id},`))).toContain(`${loan.id},${beijing(disbursedAt)},正常,`);

    const codes = await exportCsv('loans', admin, { from: today, to: today, columns: 'codes' });
    expect(codes.text.split('\r\n')[0]!.split(',').slice(0, 3)).toEqual(['loanId', 'disbursedAt', 'status']);
    expect(codes.text).toContain(`${loan.id},${disbursedAt},ACTIVE,`);
  });

  it('is for the finance centre only', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect((await exportFile('guarantees', 'xlsx', bank.token)).status).toBe(403);
    expect((await exportFile('bonds', 'xlsx', undefined)).status).toBe(401);
  });
});
