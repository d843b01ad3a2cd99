import { addCalendarDays, businessDateOf, WorkingCalendar, type CalendarYear } from '@yinqi/calendar';
import { collectMessages, errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { accept, disburse, offeredMatch, plusMonths } from '../loan/loan-journey';

// The working calendar (工作日历) through the gateway: the finance centre maintains it, everyone reads
// it, and a change reaches the loan service's 应急转贷 count without a restart. Other files run in
// the same namespace at the same time: the year-2031 checks touch nobody, and the one change of the
// current year (three coming working days made days off) is put back at once.
let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

const YEAR_FIELDS = 'year maintained workingDays updatedBy holidays { date name } makeUpWorkdays { date name }';
const READ = `query($y:Int!){ workingCalendar(year:$y){ ${YEAR_FIELDS} } }`;
const SET = `mutation($input:WorkingCalendarYearInput!){ setWorkingCalendarYear(input:$input){ ${YEAR_FIELDS} } }`;
const POLICY_TOPIC = `${process.env.YINQI_TOPIC_PREFIX}.policy`;

interface YearView extends CalendarYear {
  maintained: boolean;
  workingDays: number;
  updatedBy: string | null;
}

async function readYear(token: string, year: number): Promise<YearView> {
  const r = await gql<{ workingCalendar: YearView }>(READ, { y: year }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.workingCalendar;
}
const inputOf = (y: CalendarYear) => ({
  year: y.year,
  holidays: y.holidays.map(({ date, name }) => ({ date, name })),
  makeUpWorkdays: y.makeUpWorkdays.map(({ date, name }) => ({ date, name })),
});

describe('the working calendar', () => {
  it('ships the State Council 2026 schedule: 春节 15–23 Feb with 14 and 28 Feb worked, 国庆 1–7 Oct with 20 Sep and 10 Oct worked', async () => {
    const ent = await registerEnterprise();
    const y = await readYear(ent.token, 2026);
    expect(y).toMatchObject({ year: 2026, maintained: true, workingDays: 248 });
    const off = y.holidays.filter((d) => d.name === '春节').map((d) => d.date);
    expect(off).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(y.holidays.filter((d) => d.name === '国庆节').map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(y.makeUpWorkdays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('lets the finance centre enter a year and announces it on the policy topic; others may only read', async () => {
    const collector = await collectMessages([POLICY_TOPIC]);
    try {
      const year = {
        year: 2031,
        holidays: [
          { date: '2031-10-02', name: '国庆节' },
          { date: '2031-10-01', name: '国庆节' },
        ],
        makeUpWorkdays: [{ date: '2031-09-28', name: '国庆节调休上班' }],
      };
      const bank = await createOfficer(admin, 'BANK_OFFICER');
      expect(errorCode(await gql(SET, { input: year }, bank.token))).toBe('FORBIDDEN');
      expect(errorCode(await gql(SET, { input: { ...year, holidays: [{ date: '2031-02-30', name: '春节' }] } }, admin))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await gql(SET, { input: { ...year, makeUpWorkdays: [{ date: '2031-10-08', name: '调休' }] } }, admin))).toBe(
        'BAD_USER_INPUT',
      ); // a Wednesday
      expect(errorCode(await gql(READ, { y: 1999 }, admin))).toBe('BAD_USER_INPUT');

      const saved = await gql<{ setWorkingCalendarYear: YearView }>(SET, { input: year }, admin);
      expect(saved.errors).toBeUndefined();
      // 28 Sep 2031 is a Sunday worked; 1 and 2 Oct are a Wednesday and Thursday off: 261 − 2 + 1.
      expect(saved.data!.setWorkingCalendarYear).toMatchObject({
        year: 2031,
        maintained: true,
        workingDays: 260,
        holidays: [{ date: '2031-10-01' }, { date: '2031-10-02' }],
      });
      expect(await readYear(bank.token, 2031)).toMatchObject({ maintained: true, workingDays: 260 });

      const event = await waitFor(
        () =>
          collector.messages
            .map((m) => JSON.parse(m.value!) as { type: string; data: { year: number | null; calendar: { years: { year: number }[] } } })
            .find((e) => e.type === 'calendar.changed' && e.data.year === 2031),
        { timeoutMs: 20_000, message: 'calendar.changed for 2031' },
      );
      expect(event.data.calendar.years.map((y) => y.year)).toEqual(expect.arrayContaining([2026, 2031]));
    } finally {
      await collector.stop();
    }
  });

  it('reaches the loan service at once: an 应急转贷 approved after three coming working days became days off is lent past them', async () => {
    // A one-month 先息后本 loan maturing in 5 days, so 应急转贷 can be requested now.
    const a = await offeredMatch(admin, { amount: 600_000, annualRate: 4, termMonths: 1 });
    await accept(a);
    const disbursedAt = new Date(Date.parse(plusMonths(new Date().toISOString(), -1)) + 5 * 86_400_000).toISOString();
    const loan = await disburse(a, { disbursedAt, repaymentMethod: 'INTEREST_ONLY_BULLET' });

    const thisYear = Number(businessDateOf(new Date()).slice(0, 4));
    const before = await readYear(admin, thisYear);
    const official = new WorkingCalendar({ years: before.maintained ? [before] : [] });
    // The next three working days (within this year; on 29–31 Dec there may be fewer) become days off.
    const today = businessDateOf(new Date());
    const closed: string[] = [];
    for (let d = addCalendarDays(today, 1); closed.length < 3 && d.startsWith(`${thisYear}-`); d = addCalendarDays(d, 1))
      if (official.isWorkingDay(d)) closed.push(d);
    const changed: CalendarYear = {
      ...inputOf(before),
      holidays: [...before.holidays, ...closed.map((date) => ({ date, name: 'e2e 临时休假' }))],
    };
    const withClosure = new WorkingCalendar({ years: [changed] });

    const set = await gql(SET, { input: inputOf(changed) }, admin);
    expect(set.errors).toBeUndefined();
    try {
      // Each round: request, approve, look at the bridge; the loan service follows within moments.
      const bridge = await waitFor(
        async () => {
          const asked = await gql<{ requestRelief: { id: string } }>(
            'mutation($id:ID!,$a:Int){ requestRelief(loanId:$id, kind:BRIDGE_FUND, reason:"续贷前过桥", amount:$a){ id } }',
            { id: loan.id, a: 600_000 },
            a.ent.token,
          );
          if (!asked.data) throw new Error(`bridge request failed: ${JSON.stringify(asked.errors)}`);
          const decided = await gql(
            'mutation($id:ID!){ decideRelief(reliefId:$id, approve:true){ id status } }',
            { id: asked.data.requestRelief.id },
            admin,
          );
          if (decided.errors) throw new Error(`bridge approval failed: ${JSON.stringify(decided.errors)}`);
          const l = await gql<{ loan: { bridge: { from: string; until: string } } }>(
            'query($id:ID!){ loan(id:$id){ bridge { amount from until } } }',
            { id: loan.id },
            admin,
          );
          const b = l.data!.loan.bridge;
          return b.until === withClosure.addWorkingDays(new Date(b.from), 7).toISOString() ? b : null;
        },
        { timeoutMs: 30_000, intervalMs: 500, message: 'a bridge counted with the changed calendar' },
      );
      if (closed.length > 0) expect(bridge.until).not.toBe(official.addWorkingDays(new Date(bridge.from), 7).toISOString());
      for (const d of closed) expect(businessDateOf(new Date(bridge.until)) > d).toBe(true);
    } finally {
      // Put the year back for every other test running now.
      const restored = await gql(SET, { input: inputOf(before) }, admin);
      expect(restored.errors).toBeUndefined();
    }
  });
});
