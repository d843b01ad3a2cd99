import type { Principal } from '@yinqi/auth';
import { calendarYearProblems, type CalendarYear } from '@yinqi/calendar';
import { WORKING_CALENDAR_KEY, workingCalendarChanged, type CalendarYearDto, type EventEnvelope } from '@yinqi/contracts';
import { badInput, forbidden } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import { loadCalendar, toCalendarYearDto } from './calendar-document';
import type { SettingsDeps } from './deps';
import { CALENDAR_COLLECTION, SOURCE, type WorkingCalendarDoc, type WorkingCalendarRecord } from './records';
import type { CalendarYearInput } from './schemas';

type Entry = WorkingCalendarRecord['history'][number];

const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
const sameYear = (a: CalendarYear | null, b: CalendarYear) => a !== null && JSON.stringify(a) === JSON.stringify(b);

/** The finance centre replaces one year's schedule; repeating the current one changes nothing. */
export async function setCalendarYear(
  deps: Required<SettingsDeps>,
  principal: Principal,
  input: CalendarYearInput,
): Promise<CalendarYearDto> {
  if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre maintains the working calendar');
  return withDocumentLock(documentLockKey(CALENDAR_COLLECTION, WORKING_CALENDAR_KEY), () => setUnlocked(deps, principal, input));
}

/** The year as entered, days in date order; BAD_USER_INPUT naming every problem across its days. */
function checkedYear(input: CalendarYearInput): CalendarYear {
  const year: CalendarYear = {
    year: input.year,
    holidays: [...input.holidays].sort(byDate),
    makeUpWorkdays: [...input.makeUpWorkdays].sort(byDate),
  };
  const problems = calendarYearProblems(year);
  if (problems.length > 0) throw badInput(problems.join('; '), { field: 'input', problems });
  return year;
}

async function setUnlocked(deps: Required<SettingsDeps>, principal: Principal, input: CalendarYearInput): Promise<CalendarYearDto> {
  const { repo, logger, published, now } = deps;
  const year = checkedYear(input);
  const saved = await updateAggregate<WorkingCalendarDoc, { set: Partial<WorkingCalendarRecord>; entry: Entry; event: EventEnvelope }>(
    { load: () => loadCalendar(deps), write: (key, version, c) => repo.updateCalendar(key, version, c.set, c.entry, c.event) },
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
  return toCalendarYearDto(saved, year.year);
}
