import type { CalendarYear } from './working-calendar';

/**
 * 2026 from the State Council General Office's notice on the 2026 holiday arrangements
 * (国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025,
 * https://www.gov.cn/zhengce/content/202511/content_7047090.htm):
 * 元旦 1–3 Jan, 4 Jan (Sun) worked; 春节 15–23 Feb, 14 Feb (Sat) and 28 Feb (Sat) worked;
 * 清明节 4–6 Apr; 劳动节 1–5 May, 9 May (Sat) worked; 端午节 19–21 Jun; 中秋节 25–27 Sep;
 * 国庆节 1–7 Oct, 20 Sep (Sun) and 10 Oct (Sat) worked.
 * Every day off is listed, weekends inside a holiday included, so the console can show the whole
 * holiday; a weekend day counts as a day off either way.
 */
export const OFFICIAL_2026: CalendarYear = {
  year: 2026,
  holidays: [
    ...range('元旦', '2026-01-01', 3),
    ...range('春节', '2026-02-15', 9),
    ...range('清明节', '2026-04-04', 3),
    ...range('劳动节', '2026-05-01', 5),
    ...range('端午节', '2026-06-19', 3),
    ...range('中秋节', '2026-09-25', 3),
    ...range('国庆节', '2026-10-01', 7),
  ],
  makeUpWorkdays: [
    { date: '2026-01-04', name: '元旦调休上班' },
    { date: '2026-02-14', name: '春节调休上班' },
    { date: '2026-02-28', name: '春节调休上班' },
    { date: '2026-05-09', name: '劳动节调休上班' },
    { date: '2026-09-20', name: '国庆节调休上班' },
    { date: '2026-10-10', name: '国庆节调休上班' },
  ],
};

/** The schedules the platform ships with; the finance centre adds later years (setWorkingCalendarYear). */
export const OFFICIAL_SCHEDULES: readonly CalendarYear[] = [OFFICIAL_2026];

function range(name: string, first: string, days: number) {
  const start = Date.parse(`${first}T00:00:00.000Z`);
  return Array.from({ length: days }, (_, i) => ({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), name }));
}
