import type { EventEnvelope, PolicySnapshot } from '@yinqi/contracts';
import { aPolicy } from '@yinqi/testing';
import { computeDashboard } from './dashboard';
import { demand, enterprise, ev, hours, loan, match, T0 } from './event-fixtures.fixture';
import { loadPlanTargets } from './plan-targets';
import { Projection } from './projection';
import { ALL_TIME, median, round, weightedMean } from './stats';

const H = 3_600_000;

function project(events: EventEnvelope[]): Projection {
  const p = new Projection();
  for (const e of events) for (const c of p.decide(e)) p.put(c);
  return p;
}

const offer = { amount: 900_000, annualRate: 3.5, termMonths: 12, conditions: null };

describe('statistics', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('weights a mean by amount and has none without weight', () => {
    expect(weightedMean([])).toBeNull();
    expect(
      weightedMean([
        { value: 0.8, weight: 1_000_000 },
        { value: 1.2, weight: 3_000_000 },
      ]),
    ).toBeCloseTo(1.1, 12);
    expect(weightedMean([{ value: 2, weight: 0 }])).toBeNull();
  });
  it('rounds half away from zero', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(2.5, 0)).toBe(3);
  });
});

describe('dashboard numbers', () => {
  const gov = { guarantor: 50, bank: 20, government: 30 };
  const l1 = {
    loanId: 'l1',
    bankId: 'b1',
    enterpriseId: 'e1',
    amount: 1_000_000,
    disbursedAt: hours(30),
    guaranteeFeeRate: 1.0,
    coverageRatio: 80,
    riskShare: gov,
  };
  const l2 = { loanId: 'l2', bankId: 'b2', enterpriseId: 'e2', amount: 2_000_000, outstandingPrincipal: 2_000_000, disbursedAt: hours(31) };
  const l3 = {
    loanId: 'l3',
    bankId: 'b2',
    enterpriseId: 'e2',
    amount: 3_000_000,
    disbursedAt: hours(32),
    guaranteeFeeRate: 0.5,
    coverageRatio: 50,
    riskShare: gov,
  };
  const events = [
    ev('institution.created', 'b1', 1, { institutionId: 'b1', kind: 'BANK', name: '大足农商银行' }),
    ev('institution.created', 'b2', 1, { institutionId: 'b2', kind: 'BANK', name: '重庆银行大足支行' }),
    enterprise('e1', 'MUNICIPAL_SRDI'),
    enterprise('e2', 'INNOVATIVE_SME'),
    // d1 posted at 0h, first match at 2h (a second one at 5h); d2 at 10h matched at 11h; d3 at 20h never matched.
    demand('d1', 'e1', 1_000_000, 0),
    demand('d2', 'e2', 3_000_000, 10),
    demand('d3', 'e2', 500_000, 20),
    match('match.proposed', { matchId: 'm1', demandId: 'd1', bankId: 'b1' }, 1, 2),
    match('match.responded', { matchId: 'm1', demandId: 'd1', bankId: 'b1', status: 'INTERESTED', createdAt: hours(2) }, 2, 6),
    match('match.offered', { matchId: 'm1', demandId: 'd1', bankId: 'b1', status: 'OFFERED', offer, createdAt: hours(2) }, 3, 7),
    match('match.proposed', { matchId: 'm2', demandId: 'd1', bankId: 'b2' }, 1, 5),
    match('match.proposed', { matchId: 'm3', demandId: 'd2', bankId: 'b2', enterpriseId: 'e2' }, 1, 11),
    match('match.responded', { matchId: 'm3', demandId: 'd2', bankId: 'b2', status: 'DECLINED', createdAt: hours(11) }, 2, 12),
    // A guaranteed loan at 1% fee, 80% coverage, government 30%; an unguaranteed one; a guaranteed closed one at 0.5%.
    loan('loan.disbursed', { ...l1, outstandingPrincipal: 1_000_000 }, 1, 30),
    loan('loan.repaid', { ...l1, outstandingPrincipal: 600_000 }, 2, 40),
    loan('loan.disbursed', l2, 1, 31),
    loan('loan.overdue', { ...l2, status: 'OVERDUE' }, 2, 50),
    loan('loan.disbursed', { ...l3, outstandingPrincipal: 3_000_000 }, 1, 32),
    loan('loan.closed', { ...l3, outstandingPrincipal: 0, status: 'CLOSED' }, 2, 60),
    loan('loan.relief-requested', { ...l2, status: 'OVERDUE' }, 3, 51, {
      relief: { reliefId: 'r1', kind: 'DEFERRAL', status: 'PENDING', months: 3, amount: null },
    }),
    loan('loan.relief-requested', { ...l2, status: 'OVERDUE' }, 4, 52, {
      relief: { reliefId: 'r2', kind: 'BRIDGE_FUND', status: 'PENDING', months: null, amount: 100 },
    }),
    loan('loan.relief-decided', { ...l2, status: 'OVERDUE' }, 5, 53, {
      relief: { reliefId: 'r2', kind: 'BRIDGE_FUND', status: 'APPROVED', months: null, amount: 100 },
    }),
  ];

  it('computes every number for all time', () => {
    const d = computeDashboard(project(events), ALL_TIME, T0 + 100 * H);
    expect(d.demandsPosted).toBe(3);
    expect(d.demandsMatched).toBe(2);
    expect(d.matchRate).toBeCloseTo(2 / 3, 12);
    expect(d.amountRequested).toBe(4_500_000);
    expect(d.amountOffered).toBe(900_000);
    expect(d.amountDisbursed).toBe(6_000_000);
    expect(d.medianHoursToFirstMatch).toBe(1.5); // 2h and 1h
    expect(d.medianHoursToBankResponse).toBe(2.5); // m1 4h, m3 1h
    // (1.0 × 1,000,000 + 0.5 × 3,000,000) / 4,000,000
    expect(d.averageGuaranteeFeeRate).toBe(0.625);
    expect(d.guaranteeFeeRateTarget).toBe(1);
    // m2 is still PROPOSED 95h after it was made: beyond the default 72h.
    expect(d.banksOverSla).toEqual([{ bankId: 'b2', bankName: '重庆银行大足支行', overdueMatches: 1 }]);
    expect(d.byTier).toEqual([
      { tier: 'NONE', demands: 0, amountDisbursed: 0 },
      { tier: 'INNOVATIVE_SME', demands: 2, amountDisbursed: 5_000_000 },
      { tier: 'MUNICIPAL_SRDI', demands: 1, amountDisbursed: 1_000_000 },
      { tier: 'NATIONAL_LITTLE_GIANT', demands: 0, amountDisbursed: 0 },
      { tier: 'SINGLE_CHAMPION', demands: 0, amountDisbursed: 0 },
    ]);
    expect(d.byBank).toEqual([
      { bankId: 'b2', bankName: '重庆银行大足支行', matches: 2, offers: 0, amountDisbursed: 5_000_000 },
      { bankId: 'b1', bankName: '大足农商银行', matches: 1, offers: 1, amountDisbursed: 1_000_000 },
    ]);
    expect(d.loansActive).toBe(1);
    expect(d.loansOverdue).toBe(1);
    expect(d.reliefRequests).toEqual([
      { kind: 'DEFERRAL', pending: 1, approved: 0, declined: 0 },
      { kind: 'RENEWAL_WITHOUT_REPAYMENT', pending: 0, approved: 0, declined: 0 },
      { kind: 'BRIDGE_FUND', pending: 0, approved: 1, declined: 0 },
    ]);
    // Only the ACTIVE guaranteed loan: 600,000 outstanding × 80% × 30%.
    expect(d.governmentRiskExposure).toBe(144_000);
    expect(d.listingByStage.map((s) => s.count)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('filters each number by its own timestamp within [from, to)', () => {
    // [10h, 31h): demands d2 and d3; matches m3 (11h); no offer (7h); loans l2 (31h excluded: half-open) — only l1 (30h).
    const d = computeDashboard(project(events), { from: T0 + 10 * H, to: T0 + 31 * H }, T0 + 100 * H);
    expect(d.demandsPosted).toBe(2);
    expect(d.demandsMatched).toBe(1);
    expect(d.amountRequested).toBe(3_500_000);
    expect(d.amountOffered).toBe(0);
    expect(d.amountDisbursed).toBe(1_000_000);
    expect(d.medianHoursToFirstMatch).toBe(1);
    expect(d.medianHoursToBankResponse).toBe(1);
    expect(d.averageGuaranteeFeeRate).toBe(1);
    expect(d.banksOverSla).toEqual([]);
    expect(d.byBank).toEqual([
      { bankId: 'b1', bankName: '大足农商银行', matches: 0, offers: 0, amountDisbursed: 1_000_000 },
      { bankId: 'b2', bankName: '重庆银行大足支行', matches: 1, offers: 0, amountDisbursed: 0 },
    ]);
    expect(d.reliefRequests.every((r) => r.pending + r.approved + r.declined === 0)).toBe(true);
    expect(d.governmentRiskExposure).toBe(144_000);
  });

  it('judges the SLA at the instant asked, with the policy in force', () => {
    const p = project(events);
    expect(computeDashboard(p, ALL_TIME, T0 + 5 * H + 72 * H).banksOverSla).toEqual([]); // exactly 72h: not beyond
    const withPolicy = project([
      ...events,
      ev('policy.changed', 'policy', 2, {
        policy: {
          guaranteeFeeRateCap: 1.5,
          guaranteeFeeRateTarget: 0.8,
          riskShareGuarantor: 50,
          riskShareBank: 20,
          riskShareGovernment: 30,
          bankResponseSlaHours: 24,
          bridgeRequestWindowDays: 30,
          bridgeMaxWorkingDays: 10,
        },
        changedBy: 'u',
        changedAt: hours(0),
      }),
    ]);
    const d = computeDashboard(withPolicy, ALL_TIME, T0 + 30 * H);
    expect(d.guaranteeFeeRateTarget).toBe(0.8);
    expect(d.banksOverSla).toEqual([{ bankId: 'b2', bankName: '重庆银行大足支行', overdueMatches: 1 }]);
  });

  it('counts the SLA in working days or working hours across 国庆 2026, and follows a calendar change', () => {
    // A match proposed on Wednesday 30 Sep 2026, 10:00 Beijing, the eve of 国庆 (02:00Z).
    const at = Date.parse('2026-09-30T02:00:00.000Z');
    const proposed = {
      ...match('match.proposed', { matchId: 'mh', demandId: 'dh', bankId: 'b1' }, 1, 0),
      occurredAt: new Date(at).toISOString(),
    };
    (proposed.data as { match: { createdAt: string } }).match.createdAt = new Date(at).toISOString();
    const slaBy = (basis: PolicySnapshot['bankResponseSlaBasis'], v: number) =>
      ev('policy.changed', 'policy', v, {
        policy: aPolicy({ bankResponseSlaBasis: basis }),
        changedBy: 'u',
        changedAt: hours(0),
      });
    const overdue = (p: Projection, iso: string) => computeDashboard(p, ALL_TIME, Date.parse(iso)).banksOverSla.length;
    // Clock hours: 3 Oct 10:00 Beijing, in the middle of the holiday.
    const clock = project([proposed, slaBy('CLOCK_HOURS', 2)]);
    expect(overdue(clock, '2026-10-03T02:00:00.000Z')).toBe(0);
    expect(overdue(clock, '2026-10-03T02:00:00.001Z')).toBe(1);
    // Working days: 8, 9 and 10 Oct (a 调休 Saturday): due by 24:00 Beijing on 10 Oct.
    const days = project([proposed, slaBy('WORKING_DAYS', 2)]);
    expect(overdue(days, '2026-10-07T12:00:00.000Z')).toBe(0);
    expect(overdue(days, '2026-10-10T15:59:59.999Z')).toBe(0);
    expect(overdue(days, '2026-10-10T16:00:00.001Z')).toBe(1);
    expect(computeDashboard(days, ALL_TIME, at)).toMatchObject({ bankResponseSlaBasis: 'WORKING_DAYS', bankResponseSlaWorkingDays: 3 });
    // Working hours: 14 h on 30 Sep, 24 h on 8 and 9 Oct, 10 h of 10 Oct → 10:00 Beijing on 10 Oct.
    const workingHours = project([proposed, slaBy('WORKING_HOURS', 2)]);
    expect(overdue(workingHours, '2026-10-10T02:00:00.000Z')).toBe(0);
    expect(overdue(workingHours, '2026-10-10T02:00:01.000Z')).toBe(1);
    // The finance centre replaces 2026 (here with only 1 Oct off): the deadline moves at once, no restart.
    days.put(
      days.decide(
        ev('calendar.changed', 'working-calendar', 2, {
          calendar: { years: [{ year: 2026, holidays: [{ date: '2026-10-01', name: '国庆节' }], makeUpWorkdays: [] }] },
          year: 2026,
          changedBy: 'u',
          changedAt: hours(0),
        }),
      )[0]!,
    );
    // 2 (Fri), 5 and 6 Oct → due by 24:00 Beijing on 6 Oct.
    expect(overdue(days, '2026-10-06T15:59:59.999Z')).toBe(0);
    expect(overdue(days, '2026-10-06T16:00:00.001Z')).toBe(1);
  });

  it('has no medians or fee average when nothing qualifies, and a zero match rate without demands', () => {
    const d = computeDashboard(new Projection(), ALL_TIME, T0);
    expect(d).toMatchObject({
      demandsPosted: 0,
      matchRate: 0,
      medianHoursToFirstMatch: null,
      medianHoursToBankResponse: null,
      averageGuaranteeFeeRate: null,
      governmentRiskExposure: 0,
    });
    expect(d.byTier).toHaveLength(5);
    expect(d.reliefRequests).toHaveLength(3);
    expect(d.listingByStage.map((s) => s.stage)).toEqual(['RESERVE', 'TUTORING', 'NEEQ_BASIC', 'NEEQ_INNOVATION', 'BSE_FILED', 'LISTED']);
  });
});

describe('idempotency', () => {
  const base = [demand('d1', 'e1', 1_000_000, 0), match('match.proposed', { matchId: 'm1', demandId: 'd1' }, 1, 1)];

  it('the same event twice changes nothing the second time', () => {
    const p = project(base);
    const again = match('match.proposed', { matchId: 'm1', demandId: 'd1' }, 1, 1);
    expect(p.decide(again)).toEqual([]);
    expect(p.decide(demand('d1', 'e1', 1_000_000, 0))).toEqual([]);
  });

  it('an older version after a newer one changes nothing', () => {
    const p = project([
      ...base,
      match('match.responded', { matchId: 'm1', demandId: 'd1', status: 'INTERESTED', createdAt: hours(1) }, 2, 3),
    ]);
    expect(p.decide(match('match.proposed', { matchId: 'm1', demandId: 'd1' }, 1, 1))).toEqual([]);
    expect(p.get('match', 'm1')).toMatchObject({ status: 'INTERESTED', respondedAt: T0 + 3 * H });
    const before = computeDashboard(p, ALL_TIME, T0);
    for (const c of p.decide(match('match.proposed', { matchId: 'm1', demandId: 'd1' }, 1, 1))) p.put(c);
    expect(computeDashboard(p, ALL_TIME, T0)).toEqual(before);
  });

  it('a relief keeps its own version under the loan aggregate', () => {
    const requested = loan('loan.relief-requested', { loanId: 'l1' }, 3, 1, {
      relief: { reliefId: 'r1', kind: 'DEFERRAL', status: 'PENDING', months: 3, amount: null },
    });
    const decided = loan('loan.relief-decided', { loanId: 'l1' }, 4, 2, {
      relief: { reliefId: 'r1', kind: 'DEFERRAL', status: 'DECLINED', months: 3, amount: null },
    });
    const p = project([requested, decided, requested]);
    expect(p.get('relief', 'r1')).toMatchObject({ status: 'DECLINED', requestedAt: T0 + H, v: 4 });
  });
});

describe('plan targets', () => {
  it('counts tiers at or above, new certifications in the year of the period, and the fee average against "below 1%"', () => {
    const p = project([
      enterprise('a', 'INNOVATIVE_SME', 2, '2026-02-01T00:00:00.000Z'),
      enterprise('b', 'MUNICIPAL_SRDI', 2, '2026-02-01T00:00:00.000Z'),
      enterprise('c', 'MUNICIPAL_SRDI', 2, '2025-06-01T00:00:00.000Z'),
      enterprise('c', 'NATIONAL_LITTLE_GIANT', 3, '2026-05-01T00:00:00.000Z', 'MUNICIPAL_SRDI'),
      loan(
        'loan.disbursed',
        { loanId: 'l', guaranteeFeeRate: 0.9, coverageRatio: 80, riskShare: { guarantor: 50, bank: 20, government: 30 } },
        1,
        0,
      ),
    ]);
    // The period ends with 2026 in Beijing (24:00 +08:00 on 31 Dec): "this year" is a Beijing year.
    const d = computeDashboard(p, { from: null, to: Date.parse('2026-12-31T16:00:00.000Z') }, T0, loadPlanTargets());
    const byKey = Object.fromEntries(d.planTargets.map((t) => [t.key, t]));
    expect(byKey['new-municipal-srdi-per-year']).toMatchObject({ target: 8, actual: 1, met: false }); // b in 2026 (c reached SRDI in 2025)
    expect(byKey['new-little-giant-per-year']).toMatchObject({ target: 1, actual: 1, met: true });
    expect(byKey['innovative-sme-by-2025']).toMatchObject({ target: 100, actual: 3 });
    expect(byKey['municipal-srdi-by-2025']).toMatchObject({ target: 50, actual: 2 });
    expect(byKey['little-giant-by-2025']).toMatchObject({ target: 9, actual: 1, due: '2025-12-31' });
    expect(byKey['average-guarantee-fee-rate']).toMatchObject({ target: 1, actual: 0.9, met: true, unit: '%' });
  });
});
