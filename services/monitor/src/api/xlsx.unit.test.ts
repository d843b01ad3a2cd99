import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { ExportTable } from '../domain/exports';
import { columnName, streamXlsxTable, xmlText } from './xlsx';

/** A Response stand-in that collects the bytes; `slow` reads one chunk per turn of the event loop. */
function collector() {
  const out = new PassThrough({ highWaterMark: 1024 });
  const headers: Record<string, string> = {};
  const res = Object.assign(out, {
    status: () => res,
    setHeader: (k: string, v: string) => (headers[k] = v),
  }) as unknown as Response & PassThrough;
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { res, headers, bytes: () => Buffer.concat(chunks) };
}

const table: ExportTable = {
  name: 'things',
  titleZh: '测试表',
  columns: [
    { key: 'id', zh: '编号', type: 'id' },
    { key: 'name', zh: '名称', type: 'text' },
    { key: 'status', zh: '状态', type: 'code', labels: 'loanStatus' },
    { key: 'at', zh: '时间', type: 'time' },
    { key: 'amount', zh: '金额（元）', type: 'number' },
  ],
  rows: () => [],
};

describe('xlsx', () => {
  it('names columns like a spreadsheet and escapes XML', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(xmlText('<a & "b">\u0001')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });

  it('writes a workbook a spreadsheet reads back: Chinese headers and labels, Beijing times as dates, typed text', async () => {
    const c = collector();
    const at = Date.parse('2026-03-01T16:30:00.000Z'); // 2026-03-02 00:30 in Beijing
    function* rows() {
      yield ['l1', '=HYPERLINK("x")', 'OVERDUE', at, 1_200_000];
      for (let i = 2; i <= 5_000; i++) yield [`l${i}`, `重庆企业${i} & <公司>`, 'ACTIVE', at + i * 60_000, i];
    }
    await streamXlsxTable(c.res, table, rows(), 'zh');
    expect(c.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('测试表.xlsx')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(c.bytes());
    const sheet = book.getWorksheet('测试表')!;
    expect(sheet.rowCount).toBe(1 + 5_000);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '名称', '状态', '时间', '金额（元）']);
    const first = sheet.getRow(2);
    expect(first.getCell(2).value).toBe('=HYPERLINK("x")'); // a string cell, not a formula
    expect(first.getCell(3).value).toBe('逾期');
    expect((first.getCell(4).value as Date).toISOString()).toBe('2026-03-02T00:30:00.000Z'); // the wall clock in Beijing
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(first.getCell(5).value).toBe(1_200_000);
    expect(sheet.getRow(5_001).getCell(2).value).toBe('重庆企业5000 & <公司>');
  });

  it('waits for a client that does not read: rows are pulled only as the bytes leave', async () => {
    const c = collector();
    c.res.pause();
    c.res.removeAllListeners('data');
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 100_000; i++) {
        pulled += 1;
        yield [`id-${i}`, `企业${i}`, 'ACTIVE', 0, i];
      }
    }
    const done = streamXlsxTable(c.res, table, rows(), 'zh');
    // The writer stops on a full buffer: once it is parked, the number of rows pulled stops moving.
    let last = -1;
    while (pulled !== last) {
      last = pulled;
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
    expect(pulled).toBeLessThan(5_000);
    let bytes = 0;
    c.res.on('data', (chunk: Buffer) => (bytes += chunk.length));
    c.res.resume();
    await done;
    expect(pulled).toBe(100_000);
    expect(bytes).toBeGreaterThan(100_000);
  });
});
