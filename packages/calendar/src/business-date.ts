/**
 * Business dates: every date the platform reasons about (due dates, deadlines, "today") is a day in
 * Beijing time (Asia/Shanghai), whatever zone the server runs in. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact for every date the platform handles, and
 * needs no time-zone database at run time.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A day in Beijing, as `YYYY-MM-DD`. */
export type BusinessDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isBusinessDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The Beijing day an instant falls on: 2026-02-14T16:30Z is already 2026-02-15 in Beijing. */
export function businessDateOf(instant: Date | number): BusinessDate {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing day starts (00:00 +08:00). */
export function startOfBusinessDate(date: BusinessDate): Date {
  if (!isBusinessDate(date)) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS);
}

/** The instant a Beijing day ends: the start of the next day (an exclusive bound). */
export const endOfBusinessDate = (date: BusinessDate): Date => startOfBusinessDate(addCalendarDays(date, 1));

/** `days` calendar days after (or before, when negative) a Beijing day. */
export function addCalendarDays(date: BusinessDate, days: number): BusinessDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a Beijing day. */
export const dayOfWeek = (date: BusinessDate): number => new Date(`${date}T00:00:00.000Z`).getUTCDay();

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const calendarDaysBetween = (from: BusinessDate, to: BusinessDate): number =>
  Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);

/** Milliseconds since the start of the instant's Beijing day (its wall-clock time there). */
export const timeOfBusinessDay = (instant: Date): number => (((instant.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;

/**
 * `months` calendar months after an instant, in Beijing: same day of month, clamped to the month's
 * last day (Jan 31 + 1 month → Feb 28/29), same Beijing wall-clock time. Always counted from the
 * original date, so a clamp in February does not drag March to the 28th.
 */
export function addBusinessMonths(from: Date, months: number): Date {
  const local = new Date(from.getTime() + OFFSET_MS);
  const m = local.getUTCMonth() + months;
  const year = local.getUTCFullYear() + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(year, month, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(shifted - OFFSET_MS);
}
