import {
  DEFAULT_CALENDAR_SNAPSHOT,
  responseDeadline,
  WorkingCalendar,
  type ResponseSla,
  type WorkingCalendarSnapshot,
} from '@yinqi/calendar';
import type { PolicyCopy } from './store';

/** The contract's SLA (72 clock hours) until a policy.changed says otherwise. */
const DEFAULT_SLA: ResponseSla = { bankResponseSlaBasis: 'CLOCK_HOURS', bankResponseSlaHours: 72, bankResponseSlaWorkingDays: 3 };

/**
 * The response deadline of every match, from this service's copies of the policy's SLA and the
 * working calendar. Held in memory so a list of matches costs no extra reads; `reload` refreshes it
 * from the copies — after this replica stored a change, and on a timer, so a replica that did not
 * consume the event follows within moments too.
 */
export class ResponseDeadlines {
  private sla: ResponseSla = DEFAULT_SLA;
  private calendar = new WorkingCalendar(DEFAULT_CALENDAR_SNAPSHOT);

  constructor(
    private readonly load: { findPolicy: () => Promise<PolicyCopy | null>; findCalendar: () => Promise<WorkingCalendarSnapshot | null> },
  ) {}

  async reload(): Promise<void> {
    const [policy, calendar] = await Promise.all([this.load.findPolicy(), this.load.findCalendar()]);
    this.sla = {
      bankResponseSlaBasis: policy?.bankResponseSlaBasis ?? DEFAULT_SLA.bankResponseSlaBasis,
      bankResponseSlaHours: policy?.bankResponseSlaHours ?? DEFAULT_SLA.bankResponseSlaHours,
      bankResponseSlaWorkingDays: policy?.bankResponseSlaWorkingDays ?? DEFAULT_SLA.bankResponseSlaWorkingDays,
    };
    this.calendar = new WorkingCalendar(calendar ?? DEFAULT_CALENDAR_SNAPSHOT);
  }

  deadlineOf(createdAt: Date): Date {
    return responseDeadline(this.calendar, this.sla, createdAt);
  }
}
