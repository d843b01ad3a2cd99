/**
 * The district's working calendar (工作日历) and business dates in Beijing time: which days are
 * working days (holidays and 调休 working weekends as the finance centre maintains them), and the
 * deadline arithmetic every rule that counts working days uses.
 */
export * from './business-date';
export * from './working-calendar';
export * from './official-schedules';
export * from './sla';

import { OFFICIAL_SCHEDULES } from './official-schedules';
import { WorkingCalendar, type WorkingCalendarSnapshot } from './working-calendar';

/** The calendar before the finance centre changed anything: the official schedules shipped. */
export const DEFAULT_CALENDAR_SNAPSHOT: WorkingCalendarSnapshot = {
  years: OFFICIAL_SCHEDULES.map((y) => ({ ...y, holidays: [...y.holidays], makeUpWorkdays: [...y.makeUpWorkdays] })),
};
export const defaultWorkingCalendar = () => new WorkingCalendar(DEFAULT_CALENDAR_SNAPSHOT);
