import { labelZh } from '@yinqi/contracts';
import type { ColumnSpec, Raw } from './exports';

/**
 * Which columns an export carries:
 * - `zh` (the default, for people): Chinese headers, Chinese labels for codes, Beijing times;
 * - `codes` (for machines, `?columns=codes`): the English headers, enum codes and ISO-8601 UTC instants
 *   the CSVs always had, so a script written against them keeps working.
 */
export type ExportColumns = 'zh' | 'codes';

/** Beijing is UTC+8 all year (no daylight saving since 1991), so an offset is exact. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `yyyy-MM-dd HH:mm` in Beijing time. */
export const beijingMinute = (ms: number) => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
/** `yyyy-MM-dd` in Beijing time. */
export const beijingDate = (ms: number) => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The instant as a spreadsheet date (which has no time zone): a Date whose UTC fields are the Beijing
 * wall-clock time, which is what an xlsx writer stores and what Excel then shows.
 */
export const beijingWallClock = (ms: number) => new Date(ms + BEIJING_OFFSET_MS);

export const headerOf = (c: ColumnSpec, columns: ExportColumns) => (columns === 'zh' ? c.zh : c.key);

/** A cell as text or number (CSV): times as Beijing text or ISO instants, codes as labels or as they are. */
export function plainCell(c: ColumnSpec, v: Raw, columns: ExportColumns): string | number | null {
  if (v === null || v === undefined) return null;
  if (c.type === 'time' || c.type === 'date') {
    if (typeof v !== 'number') return v;
    if (columns === 'codes') return new Date(v).toISOString();
    return c.type === 'time' ? beijingMinute(v) : beijingDate(v);
  }
  if (c.type === 'code' && columns === 'zh' && c.labels) return labelZh(c.labels, String(v));
  return v;
}
