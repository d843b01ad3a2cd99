import type { Principal } from '@yinqi/auth';
import {
  calendarYearProblems,
  DEFAULT_CALENDAR_SNAPSHOT,
  WorkingCalendar,
  type CalendarYear,
  type WorkingCalendarSnapshot,
} from '@yinqi/calendar';
import { WORKING_CALENDAR_KEY, workingCalendarChanged, type CalendarYearDto, type EventEnvelope } from '@yinqi/contracts';
import { badInput, forbidden } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import { CALENDAR_COLLECTION, type WorkingCalendarDoc, type WorkingCalendarRecord } from './records';
import type { CalendarYearInput } from './schemas';
import type { GuaranteeStore } from './store';

const SOURCE = 'guarantee';

export interface CalendarDeps {
  repo: GuaranteeStore;
  logger: Logger;
  published: () => void;
  now?: () => Date;
}

const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
const snapshotOf = (c: Pick<WorkingCalendarDoc, 'years'>): WorkingCalendarSnapshot => ({
  years: [...c.years].sort((a, b) => a.year - b.year),
});
const sameYear = (a: CalendarYear | null, b: CalendarYear) => a !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * The working calendar (工作日历), owned with the district policy: the finance centre maintains
 * each year's holidays and 调休 working days; every change goes out as calendar.changed (the whole
 * calendar) in the same write, and every service that counts working days replaces its copy.
 */
export function workingCalendarUseCases({ repo, logger, published, now = () => new Date() }: CalendarDeps) {
  /** Creates the calendar with the official schedules at first start, announced like any change. */
  async function ensure(): Promise<void> {
    const at = now();
    const record: WorkingCalendarRecord = {
      _id: WORKING_CALENDAR_KEY,
      ...DEFAULT_CALENDAR_SNAPSHOT,
      history: [],
      updatedAt: at,
      version: 1,
      outbox: [],
    };
    record.outbox = [
      newEvent(workingCalendarChanged, {
        key: WORKING_CALENDAR_KEY,
        version: 1,
        source: SOURCE,
        data: { calendar: DEFAULT_CALENDAR_SNAPSHOT, year: null, changedBy: 'system', changedAt: at.toISOString() },
        occurredAt: at,
      }),
    ];
    if (await repo.insertCalendar(record)) {
      published();
      logger.info({ years: DEFAULT_CALENDAR_SNAPSHOT.years.map((y) => y.year) }, 'working calendar created with the official schedules');
    }
  }

  async function load(): Promise<WorkingCalendarDoc> {
    const c = await repo.findCalendar(WORKING_CALENDAR_KEY);
    if (c) return c;
    await ensure();
    return (await repo.findCalendar(WORKING_CALENDAR_KEY))!;
  }

  function toDto(c: WorkingCalendarDoc, year: number): CalendarYearDto {
    const y = c.years.find((x) => x.year === year);
    const last = [...c.history].reverse().find((h) => h.year === year);
    return {
      year,
      holidays: y?.holidays ?? [],
      makeUpWorkdays: y?.makeUpWorkdays ?? [],
      maintained: y !== undefined,
      workingDays: new WorkingCalendar(snapshotOf(c)).workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`),
      updatedAt: y ? new Date(last?.at ?? c.updatedAt).toISOString() : null,
      updatedBy: y ? (last?.changedBy ?? 'system') : null,
    };
  }

  async function setUnlocked(principal: Principal, input: CalendarYearInput): Promise<CalendarYearDto> {
    const year: CalendarYear = {
      year: input.year,
      holidays: [...input.holidays].sort(byDate),
      makeUpWorkdays: [...input.makeUpWorkdays].sort(byDate),
    };
    const problems = calendarYearProblems(year);
    if (problems.length > 0) throw badInput(problems.join('; '), { field: 'input', problems });
    type Entry = WorkingCalendarRecord['history'][number];
    const saved = await updateAggregate<WorkingCalendarDoc, { set: Partial<WorkingCalendarRecord>; entry: Entry; event: EventEnvelope }>(
      { load: () => load(), write: (key, version, c) => repo.updateCalendar(key, version, c.set, c.entry, c.event) },
      WORKING_CALENDAR_KEY,
      (cur) => {
        const before = cur.years.find((y) => y.year === year.year) ?? null;
        if (sameYear(before, year)) return null;
        const at = now();
        const years = [...cur.years.filter((y) => y.year !== year.year), year].sort((a, b) => a.year - b.year);
        const event = newEvent(workingCalendarChanged, {
          key: WORKING_CALENDAR_KEY,
          version: cur.version + 1,
          source: SOURCE,
          data: { calendar: { years }, year: year.year, changedBy: principal.userId, changedAt: at.toISOString() },
          occurredAt: at,
        });
        const entry: Entry = { changedBy: principal.userId, at, year: year.year, before, after: year };
        return {
          next: { ...cur, years, updatedAt: at, version: cur.version + 1, history: [...cur.history, entry] },
          change: { set: { years, updatedAt: at }, entry, event },
        };
      },
      {
        what: 'WorkingCalendar',
        written: () => {
          published();
          logger.info(
            { year: year.year, holidays: year.holidays.length, makeUpWorkdays: year.makeUpWorkdays.length, by: principal.userId },
            'working calendar changed',
          );
        },
      },
    );
    return toDto(saved, year.year);
  }

  return {
    ensure,
    /** One year, for anyone signed in: deadlines shown in the console follow it. */
    get: async (year: number): Promise<CalendarYearDto> => toDto(await load(), year),

    /** The finance centre replaces one year's schedule; repeating the current one changes nothing. */
    async setYear(principal: Principal, input: CalendarYearInput): Promise<CalendarYearDto> {
      if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre maintains the working calendar');
      return withDocumentLock(documentLockKey(CALENDAR_COLLECTION, WORKING_CALENDAR_KEY), () => setUnlocked(principal, input));
    },
  };
}
export type WorkingCalendarUseCases = ReturnType<typeof workingCalendarUseCases>;
