import { OFFICIAL_2026, type WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { PolicyCopy } from './store';
import { ResponseDeadlines } from './response-deadlines';

describe("a match's response deadline", () => {
  // Proposed on Friday 13 Feb 2026, 09:00 Beijing, the last working day before 春节.
  const created = new Date('2026-02-13T01:00:00.000Z');
  const stores = (policy: PolicyCopy | null, calendar: WorkingCalendarSnapshot | null) => ({
    findPolicy: async () => policy,
    findCalendar: async () => calendar,
  });

  it('is 72 clock hours before any policy arrives', async () => {
    const d = new ResponseDeadlines(stores(null, null));
    await d.reload();
    expect(d.deadlineOf(created).toISOString()).toBe('2026-02-16T01:00:00.000Z');
  });

  it('by working days runs over 春节 to the 调休 Saturday and the days after it', async () => {
    const d = new ResponseDeadlines(
      stores(
        { guaranteeFeeRateTarget: 1, bankResponseSlaHours: 72, bankResponseSlaBasis: 'WORKING_DAYS', bankResponseSlaWorkingDays: 3 },
        null,
      ),
    );
    await d.reload();
    // 14 Feb (Sat, worked), 24 Feb, 25 Feb → 24:00 Beijing on 25 Feb.
    expect(d.deadlineOf(created).toISOString()).toBe('2026-02-25T16:00:00.000Z');
  });

  it('follows a calendar change on reload', async () => {
    let calendar: WorkingCalendarSnapshot | null = null;
    const d = new ResponseDeadlines({
      findPolicy: async () => ({ guaranteeFeeRateTarget: 1, bankResponseSlaBasis: 'WORKING_DAYS', bankResponseSlaWorkingDays: 1 }),
      findCalendar: async () => calendar,
    });
    await d.reload();
    expect(d.deadlineOf(created).toISOString()).toBe('2026-02-14T16:00:00.000Z'); // 14 Feb worked
    calendar = { years: [{ ...OFFICIAL_2026, makeUpWorkdays: OFFICIAL_2026.makeUpWorkdays.filter((w) => w.date !== '2026-02-14') }] };
    await d.reload();
    expect(d.deadlineOf(created).toISOString()).toBe('2026-02-24T16:00:00.000Z'); // next working day: 24 Feb
  });
});
