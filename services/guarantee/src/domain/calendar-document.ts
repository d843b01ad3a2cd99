import { DEFAULT_CALENDAR_SNAPSHOT, WorkingCalendar, type WorkingCalendarSnapshot } from '@yinqi/calendar';
import { WORKING_CALENDAR_KEY, workingCalendarChanged, type CalendarYearDto } from '@yinqi/contracts';
import { newEvent } from '@yinqi/events';
import type { SettingsDeps } from './deps';
import { SOURCE, type WorkingCalendarDoc, type WorkingCalendarRecord } from './records';

const snapshotOf = (c: Pick<WorkingCalendarDoc, 'years'>): WorkingCalendarSnapshot => ({
  years: [...c.years].sort((a, b) => a.year - b.year),
});

/** Creates the calendar with the official schedules at first start, announced like any change. */
export async function ensureCalendar({ repo, logger, published, now }: Required<SettingsDeps>): Promise<void> {
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

/** The stored calendar, created with the official schedules if it is not there yet. */
export async function loadCalendar(deps: Required<SettingsDeps>): Promise<WorkingCalendarDoc> {
  const c = await deps.repo.findCalendar(WORKING_CALENDAR_KEY);
  if (c) return c;
  await ensureCalendar(deps);
  return (await deps.repo.findCalendar(WORKING_CALENDAR_KEY))!;
}

/** One year as the console shows it, with who changed it last. */
export function toCalendarYearDto(c: WorkingCalendarDoc, year: number): CalendarYearDto {
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
