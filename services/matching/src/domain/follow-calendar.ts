import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { Deps } from './deps';

/** The working calendar changed: response deadlines are counted with it from now on. */
export async function followCalendar({ repo, onDeadlineRules }: Deps, calendar: WorkingCalendarSnapshot, version: number): Promise<void> {
  if (await repo.saveCalendar(calendar, version)) onDeadlineRules();
}
