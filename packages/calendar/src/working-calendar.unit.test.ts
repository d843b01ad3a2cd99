import {
  addBusinessMonths,
  businessDateOf,
  calendarYearProblems,
  defaultWorkingCalendar,
  endOfBusinessDate,
  OFFICIAL_2026,
  responseDeadline,
  startOfBusinessDate,
  WorkingCalendar,
} from './index';

const cal = defaultWorkingCalendar();
const day = (d: Date) => businessDateOf(d);

describe('business dates are Beijing days', () => {
  it('a moment before midnight UTC+8 is still that day; a moment after is the next', () => {
    expect(businessDateOf(new Date('2026-02-14T15:59:59.999Z'))).toBe('2026-02-14'); // 23:59:59.999 Beijing
    expect(businessDateOf(new Date('2026-02-14T16:00:00.000Z'))).toBe('2026-02-15'); // 00:00 Beijing
    expect(startOfBusinessDate('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfBusinessDate('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('adds months on the Beijing calendar, so 31 Jan 23:30 Beijing (15:30Z) is due on 28 Feb Beijing', () => {
    const due = addBusinessMonths(new Date('2026-01-31T15:30:00.000Z'), 1);
    expect(due.toISOString()).toBe('2026-02-28T15:30:00.000Z');
    // 1 Feb 00:30 Beijing is 31 Jan 16:30Z: UTC arithmetic would clamp it to 28 Feb, Beijing keeps the 1st.
    expect(day(addBusinessMonths(new Date('2026-01-31T16:30:00.000Z'), 1))).toBe('2026-03-01');
    expect(day(addBusinessMonths(new Date('2026-01-31T02:00:00.000Z'), 13))).toBe('2027-02-28');
  });
});

describe('the 2026 schedule (国务院办公厅, 4 Nov 2025)', () => {
  it('is consistent: every date in 2026, none twice, make-up days on weekends', () => {
    expect(calendarYearProblems(OFFICIAL_2026)).toEqual([]);
    expect(OFFICIAL_2026.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });

  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, '元旦调休上班'], // Sunday worked
    ['2026-02-13', true, null], // Friday before 春节
    ['2026-02-14', true, '春节调休上班'], // Saturday worked
    ['2026-02-16', false, '春节'], // 除夕, Monday
    ['2026-02-23', false, '春节'], // 初七, Monday
    ['2026-02-24', true, null],
    ['2026-02-28', true, '春节调休上班'],
    ['2026-04-06', false, '清明节'],
    ['2026-05-05', false, '劳动节'],
    ['2026-05-09', true, '劳动节调休上班'],
    ['2026-06-19', false, '端午节'],
    ['2026-09-20', true, '国庆节调休上班'], // Sunday worked
    ['2026-09-25', false, '中秋节'],
    ['2026-10-07', false, '国庆节'], // Wednesday
    ['2026-10-10', true, '国庆节调休上班'], // Saturday worked
    ['2026-10-11', false, null], // an ordinary Sunday
  ])('%s is a working day: %s (%s)', (date, working, name) => {
    expect(cal.isWorkingDay(date)).toBe(working);
    expect(cal.nameOf(date)).toBe(name);
  });

  it('has 248 working days in 2026', () => {
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('working days across 春节 and 国庆 2026', () => {
  it('7 working days from Thursday 12 Feb run through the 调休 Saturdays and skip the whole holiday', () => {
    // 13 (Fri), 14 (Sat, worked), 24, 25, 26, 27, 28 (Sat, worked).
    const until = cal.addWorkingDays(new Date('2026-02-12T02:00:00.000Z'), 7); // 10:00 Beijing
    expect(until.toISOString()).toBe('2026-02-28T02:00:00.000Z');
  });

  it('7 working days from Tuesday 29 Sep skip 1–7 Oct and count Saturday 10 Oct', () => {
    // 30 Sep, 8 Oct, 9 Oct, 10 Oct (Sat, worked), 12, 13, 14.
    expect(day(cal.addWorkingDays(new Date('2026-09-29T01:00:00.000Z'), 7))).toBe('2026-10-14');
    // Monday–Friday alone would have said 8 Oct, in the middle of nothing: the holiday.
    expect(day(new WorkingCalendar({ years: [] }).addWorkingDays(new Date('2026-09-29T01:00:00.000Z'), 7))).toBe('2026-10-08');
  });

  it('counts from the Beijing day: 23:30 Beijing on Friday 30 Jan is Friday, 00:30 is Saturday', () => {
    // 15:30Z Friday = 23:30 Beijing Friday → 1 working day later is Monday 2 Feb.
    expect(day(cal.addWorkingDays(new Date('2026-01-30T15:30:00.000Z'), 1))).toBe('2026-02-02');
    // 16:30Z Friday = 00:30 Beijing Saturday → still Monday 2 Feb, at 00:30 Beijing.
    expect(cal.addWorkingDays(new Date('2026-01-30T16:30:00.000Z'), 1).toISOString()).toBe('2026-02-01T16:30:00.000Z');
    // The day before: 23:30 Beijing Thursday 29 Jan is still the 29th, +1 is Friday 30th.
    expect(day(cal.addWorkingDays(new Date('2026-01-29T15:30:00.000Z'), 1))).toBe('2026-01-30');
  });

  it('a working-days deadline ends at 24:00 Beijing of the last day', () => {
    expect(cal.workingDaysDeadline(new Date('2026-09-30T09:00:00.000Z'), 3).toISOString()).toBe('2026-10-10T16:00:00.000Z'); // 8, 9, 10 Oct
  });

  it('working hours stop over 春节: 72 working hours from Friday 13 Feb 09:00 Beijing end on Wednesday 25 Feb 09:00', () => {
    // 13 Feb 09:00–24:00 (15 h), 14 Feb (24 h, worked), 24 Feb (24 h) = 63 h, then 9 h of 25 Feb.
    const created = new Date('2026-02-13T01:00:00.000Z');
    expect(cal.addWorkingHours(created, 72).toISOString()).toBe('2026-02-25T01:00:00.000Z');
  });

  it('working hours started on a day off start at the next working day', () => {
    expect(cal.addWorkingHours(new Date('2026-10-03T04:00:00.000Z'), 1).toISOString()).toBe('2026-10-07T17:00:00.000Z'); // 8 Oct 01:00 Beijing
  });
});

describe('the response SLA', () => {
  const created = new Date('2026-09-30T02:00:00.000Z'); // Wednesday 30 Sep 10:00 Beijing, eve of 国庆
  it('in clock hours is what it always was', () => {
    expect(
      responseDeadline(
        cal,
        { bankResponseSlaBasis: 'CLOCK_HOURS', bankResponseSlaHours: 72, bankResponseSlaWorkingDays: 3 },
        created,
      ).toISOString(),
    ).toBe('2026-10-03T02:00:00.000Z');
  });
  it('in working hours waits out the holiday', () => {
    // 30 Sep 10:00–24:00 = 14 h, 8 Oct 24 h, 9 Oct 24 h = 62 h, then 10 h of 10 Oct (Sat, worked).
    expect(
      responseDeadline(
        cal,
        { bankResponseSlaBasis: 'WORKING_HOURS', bankResponseSlaHours: 72, bankResponseSlaWorkingDays: 3 },
        created,
      ).toISOString(),
    ).toBe('2026-10-10T02:00:00.000Z');
  });
  it('in working days ends with the third working day after', () => {
    expect(
      responseDeadline(
        cal,
        { bankResponseSlaBasis: 'WORKING_DAYS', bankResponseSlaHours: 72, bankResponseSlaWorkingDays: 3 },
        created,
      ).toISOString(),
    ).toBe('2026-10-10T16:00:00.000Z');
  });
});

describe('a year the finance centre maintains', () => {
  it('refuses inconsistent schedules with a reason per problem', () => {
    expect(
      calendarYearProblems({
        year: 2027,
        holidays: [
          { date: '2027-02-30', name: '春节' },
          { date: '2026-10-01', name: '国庆节' },
          { date: '2027-05-01', name: '劳动节' },
        ],
        makeUpWorkdays: [
          { date: '2027-05-01', name: '劳动节调休上班' }, // a Saturday: listed twice, but a weekend day,
          { date: '2027-05-06', name: '' },
        ],
      }),
    ).toEqual([
      'holidays: 2027-02-30 is not a date (YYYY-MM-DD)',
      'holidays: 2026-10-01 is not in 2027',
      'makeUpWorkdays: 2027-05-01 is listed twice',
      'makeUpWorkdays: 2027-05-06 needs a name of 1 to 50 characters',
      'makeUpWorkdays: 2027-05-06 is a weekday, a working day already',
    ]);
  });

  it('counts Monday–Friday in a year nobody has entered, and says it does not know the year', () => {
    expect(cal.knowsYear(2026)).toBe(true);
    expect(cal.knowsYear(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday: unknown until 2027 is entered
  });
});
