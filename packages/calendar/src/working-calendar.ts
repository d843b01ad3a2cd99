import {
  addCalendarDays,
  businessDateOf,
  dayOfWeek,
  endOfBusinessDate,
  isBusinessDate,
  startOfBusinessDate,
  timeOfBusinessDay,
  type BusinessDate,
} from './business-date';

/** One day of a year's schedule, with what it is called (元旦, 春节调休上班 …). */
export interface CalendarDay {
  date: BusinessDate;
  name: string;
}

/**
 * One year of the district's working calendar (工作日历): days off on top of weekends (法定节假日
 * and the weekdays given off around them) and weekend days worked instead (调休上班).
 */
export interface CalendarYear {
  year: number;
  holidays: CalendarDay[];
  makeUpWorkdays: CalendarDay[];
}

/** Every maintained year; a year not listed counts Monday–Friday only. */
export interface WorkingCalendarSnapshot {
  years: CalendarYear[];
}

/** How far day-by-day walks go before giving up: ten years of days off in a row means bad data. */
const MAX_WALK_DAYS = 3_660;

/**
 * Problems with one year's schedule, empty when it is usable: every date real and in that year,
 * no date twice, no day both off and worked, and a 调休 working day on a Saturday or Sunday (a
 * weekday is a working day anyway).
 */
export function calendarYearProblems(y: CalendarYear): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(y.year) || y.year < 2000 || y.year > 2100) problems.push(`year: ${y.year} is not a year between 2000 and 2100`);
  const seen = new Set<string>();
  const check = (list: CalendarDay[], what: string) => {
    for (const d of list) {
      if (!isBusinessDate(d.date)) problems.push(`${what}: ${d.date} is not a date (YYYY-MM-DD)`);
      else if (!d.date.startsWith(`${y.year}-`)) problems.push(`${what}: ${d.date} is not in ${y.year}`);
      if (d.name.trim() === '' || d.name.length > 50) problems.push(`${what}: ${d.date} needs a name of 1 to 50 characters`);
      if (seen.has(d.date)) problems.push(`${what}: ${d.date} is listed twice`);
      seen.add(d.date);
    }
  };
  check(y.holidays, 'holidays');
  check(y.makeUpWorkdays, 'makeUpWorkdays');
  for (const d of y.makeUpWorkdays) {
    if (isBusinessDate(d.date) && dayOfWeek(d.date) !== 0 && dayOfWeek(d.date) !== 6)
      problems.push(`makeUpWorkdays: ${d.date} is a weekday, a working day already`);
  }
  return problems;
}

/**
 * The working calendar: which Beijing days are working days, and the arithmetic every deadline
 * rule uses (应急转贷's working days, the banks' response SLA, reminders). Immutable: a change of
 * the calendar builds a new one.
 */
export class WorkingCalendar {
  private readonly off = new Map<BusinessDate, string>();
  private readonly worked = new Map<BusinessDate, string>();
  private readonly years = new Set<number>();

  constructor(snapshot: WorkingCalendarSnapshot) {
    for (const y of snapshot.years) {
      this.years.add(y.year);
      for (const d of y.holidays) this.off.set(d.date, d.name);
      for (const d of y.makeUpWorkdays) this.worked.set(d.date, d.name);
    }
  }

  /** Whether the finance centre maintains this year (else it counts Monday–Friday only). */
  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  /** A 调休 working weekend day is a working day; a holiday is not; otherwise Monday–Friday. */
  isWorkingDay(date: BusinessDate): boolean {
    if (this.worked.has(date)) return true;
    if (this.off.has(date)) return false;
    const wd = dayOfWeek(date);
    return wd !== 0 && wd !== 6;
  }

  /** The holiday's or make-up day's name, or null for an ordinary day. */
  nameOf(date: BusinessDate): string | null {
    return this.off.get(date) ?? this.worked.get(date) ?? null;
  }

  /** The first working day on or after `date` (`date` itself when it is one): 顺延. */
  workingDayOnOrAfter(date: BusinessDate): BusinessDate {
    let d = date;
    for (let i = 0; i < MAX_WALK_DAYS; i += 1, d = addCalendarDays(d, 1)) if (this.isWorkingDay(d)) return d;
    throw new RangeError(`no working day within ${MAX_WALK_DAYS} days of ${date}`);
  }

  /** The `n`th working day after the Beijing day `date` (n ≥ 1); `date` itself never counts. */
  nthWorkingDayAfter(date: BusinessDate, n: number): BusinessDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = date;
    let left = n;
    for (let i = 0; left > 0; i += 1) {
      if (i > MAX_WALK_DAYS) throw new RangeError(`no ${n} working days within ${MAX_WALK_DAYS} days of ${date}`);
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /**
   * `n` working days after an instant: the same Beijing wall-clock time on the `n`th working day
   * after the Beijing day the instant falls on (Friday 10:00 + 1 → Monday 10:00; across 春节 2026,
   * Friday 13 Feb + 1 → Saturday 14 Feb, a 调休 working day).
   */
  addWorkingDays(from: Date, n: number): Date {
    const day = this.nthWorkingDayAfter(businessDateOf(from), n);
    return new Date(startOfBusinessDate(day).getTime() + timeOfBusinessDay(from));
  }

  /**
   * A deadline of `n` working days: the end (24:00 Beijing) of the `n`th working day after the day
   * of `from` — what a Chinese office means by "within 3 working days".
   */
  workingDaysDeadline(from: Date, n: number): Date {
    return endOfBusinessDate(this.nthWorkingDayAfter(businessDateOf(from), n));
  }

  /**
   * `hours` working hours after an instant: the clock runs only on working days (whole Beijing
   * days) and stops over weekends and holidays. Starting on a day off, it starts at the next
   * working day's 00:00.
   */
  addWorkingHours(from: Date, hours: number): Date {
    if (!(hours >= 0)) throw new RangeError('hours must be ≥ 0');
    let left = hours * 3_600_000;
    let at = from.getTime();
    for (let i = 0; ; i += 1) {
      if (i > MAX_WALK_DAYS) throw new RangeError(`no ${hours} working hours within ${MAX_WALK_DAYS} days`);
      const day = businessDateOf(at);
      if (!this.isWorkingDay(day)) {
        at = startOfBusinessDate(this.workingDayOnOrAfter(day)).getTime();
        continue;
      }
      const end = endOfBusinessDate(day).getTime();
      if (at + left <= end) return new Date(at + left);
      left -= end - at;
      at = end;
    }
  }

  /** Working days in (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: BusinessDate, to: BusinessDate): number {
    let n = 0;
    for (let d = addCalendarDays(from, 1), i = 0; d <= to; d = addCalendarDays(d, 1), i += 1) {
      if (i > MAX_WALK_DAYS * 10) throw new RangeError('range too long');
      if (this.isWorkingDay(d)) n += 1;
    }
    return n;
  }
}
