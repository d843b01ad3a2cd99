import { once } from 'node:events';
import type { Response } from 'express';

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
  filename: string,
  header: string[],
  rows: Iterable<Cell[]>,
  textColumns: ReadonlySet<number>,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  res.write(BOM + csvLine(header));
  for (const row of rows) {
    if (res.destroyed) return;
    if (!res.write(csvLine(row, textColumns))) await once(res, 'drain');
  }
  res.end();
}
