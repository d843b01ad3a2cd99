import type { WorkingCalendar } from './working-calendar';

/**
 * How the banks' response SLA is counted (policy `bankResponseSlaBasis`):
 * - CLOCK_HOURS: `bankResponseSlaHours` hours round the clock (the contract's default, 72 h);
 * - WORKING_HOURS: `bankResponseSlaHours` hours counted on working days only (the clock stops
 *   over weekends, 春节, 国庆 …);
 * - WORKING_DAYS: until the end of the `bankResponseSlaWorkingDays`th working day after the day
 *   the match was made (Beijing time).
 */
export const SLA_BASES = ['CLOCK_HOURS', 'WORKING_HOURS', 'WORKING_DAYS'] as const;
export type SlaBasis = (typeof SLA_BASES)[number];

export interface ResponseSla {
  bankResponseSlaBasis: SlaBasis;
  bankResponseSlaHours: number;
  bankResponseSlaWorkingDays: number;
}

/** The instant by which a bank must answer a match made at `createdAt`. */
export function responseDeadline(calendar: WorkingCalendar, sla: ResponseSla, createdAt: Date): Date {
  switch (sla.bankResponseSlaBasis) {
    case 'WORKING_HOURS':
      return calendar.addWorkingHours(createdAt, sla.bankResponseSlaHours);
    case 'WORKING_DAYS':
      return calendar.workingDaysDeadline(createdAt, sla.bankResponseSlaWorkingDays);
    default:
      return new Date(createdAt.getTime() + sla.bankResponseSlaHours * 3_600_000);
  }
}
