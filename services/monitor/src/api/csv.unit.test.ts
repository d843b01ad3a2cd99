import { PassThrough } from 'node:stream';
import type { Response } from 'express';
import { BOM, csvField, csvLine, streamCsv } from './csv';

describe('CSV', () => {
  it('quotes fields with commas, quotes or line breaks, and keeps Chinese text as is', () => {
    expect(csvField('大足农商银行')).toBe('大足农商银行');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说 "好"')).toBe('"说 ""好"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField(null)).toBe('');
    expect(csvField(3.6)).toBe('3.6');
  });

  it('defuses spreadsheet formulas in text columns only', () => {
    expect(csvField('=HYPERLINK("x")', true)).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-12', false)).toBe('-12');
    expect(csvLine(['a', '+1', -5], new Set([1]))).toBe("a,'+1,-5\r\n");
  });

  it('streams a BOM, the header and one line per row, waiting for the socket to drain', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const chunks: Buffer[] = [];
    const res = Object.assign(out, { status: () => res, setHeader: () => res, destroyed: false }) as unknown as Response;
    const done = streamCsv(
      res,
      'x.csv',
      ['id', 'name'],
      (function* () {
        for (let i = 0; i < 1_000; i += 1) yield [i, `企业${i}`];
      })(),
      new Set([1]),
    );
    out.on('data', (c: Buffer) => chunks.push(c));
    await done;
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith(`${BOM}id,name\r\n0,企业0\r\n`)).toBe(true);
    expect(text.split('\r\n')).toHaveLength(1 + 1_000 + 1);
  });
});
