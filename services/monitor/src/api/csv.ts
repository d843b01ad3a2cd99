import { once } from 'node:events';
import type { Response } from 'express';
import { headerOf, plainCell, type ExportColumns } from '../domain/export-format';
import type { ExportTable, Raw } from '../domain/exports';

/** UTF-8 byte order mark: Excel then reads the file as UTF-8 and shows the Chinese names. */
export const BOM = '\uFEFF';

export type Cell = string | number | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function csvField(v: Cell, text = false): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: Cell[], textColumns: ReadonlySet<number> = new Set()) =>
  `${cells.map((c, i) => csvField(c, textColumns.has(i))).join(',')}\r\n`;

/**
 * Streams rows as CSV, one write per row, waiting for the socket to drain when its buffer is full:
 * memory stays flat however many rows there are.
 */
export async function streamCsv(
  res: Response,
  filename: string | { name: string; ascii: string },
  header: string[],
  rows: Iterable<Cell[]>,
  textColumns: ReadonlySet<number>,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', typeof filename === 'string' ? attachment(filename) : attachment(filename.name, filename.ascii));
  res.setHeader('cache-control', 'no-store');
  res.write(BOM + csvLine(header));
  for (const row of rows) {
    if (res.destroyed) return;
    if (!res.write(csvLine(row, textColumns))) await once(res, 'drain');
  }
  res.end();
}

/**
 * `attachment; filename=...`: an ASCII name for old clients and the UTF-8 one (RFC 6266/5987) that
 * browsers use, so a download can be called 银企对接.csv.
 */
export function attachment(filename: string, asciiName = filename.replace(/[^\x20-\x7e]/g, '_')): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** An export as CSV (UTF-8 with BOM, CRLF): Chinese or machine columns, text columns guarded against formulas. */
export function streamCsvTable(res: Response, table: ExportTable, rows: Iterable<Raw[]>, columns: ExportColumns): Promise<void> {
  const text = new Set(table.columns.flatMap((c, i) => (c.type === 'text' ? [i] : [])));
  function* cells(): Generator<Cell[]> {
    for (const row of rows) yield row.map((v, i) => plainCell(table.columns[i]!, v, columns));
  }
  const filename = { name: `${table.titleZh}.csv`, ascii: `${table.name}.csv` };
  return streamCsv(
    res,
    filename,
    table.columns.map((c) => headerOf(c, columns)),
    cells(),
    text,
  );
}
