import type { Principal } from '@yinqi/auth';
import type { CalendarYearDto } from '@yinqi/contracts';
import { ensureCalendar, loadCalendar, toCalendarYearDto } from './calendar-document';
import { settingsWithDefaults, type SettingsDeps } from './deps';
import type { CalendarYearInput } from './schemas';
import { setCalendarYear } from './set-calendar-year';

/**
 * The working calendar (工作日历), owned with the district policy: the finance centre maintains
 * each year's holidays and 调休 working days; every change goes out as calendar.changed (the whole
 * calendar) in the same write, and every service that counts working days replaces its copy.
 */
export function workingCalendarUseCases(input: SettingsDeps) {
  const deps = settingsWithDefaults(input);
  return {
    ensure: () => ensureCalendar(deps),
    /** One year, for anyone signed in: deadlines shown in the console follow it. */
    get: async (year: number): Promise<CalendarYearDto> => toCalendarYearDto(await loadCalendar(deps), year),
    setYear: (principal: Principal, yearInput: CalendarYearInput) => setCalendarYear(deps, principal, yearInput),
  };
}
export type WorkingCalendarUseCases = ReturnType<typeof workingCalendarUseCases>;
