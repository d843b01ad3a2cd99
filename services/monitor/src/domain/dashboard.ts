import { businessDateOf, responseDeadline, type SlaBasis } from '@yinqi/calendar';
import { LISTING_STAGE, TIER, type Tier } from '@yinqi/contracts';
import type { Projection } from './projection';
import type { PlanTarget } from './plan-targets';
import { targetMet } from './plan-targets';
import { HOUR_MS, inPeriod, median, round, weightedMean, type Period } from './stats';

const TIER_RANK: Record<Tier, number> = { NONE: 0, INNOVATIVE_SME: 1, MUNICIPAL_SRDI: 2, NATIONAL_LITTLE_GIANT: 3, SINGLE_CHAMPION: 4 };
const RELIEF_KINDS = ['DEFERRAL', 'RENEWAL_WITHOUT_REPAYMENT', 'BRIDGE_FUND'] as const;

export interface BankRef {
  bankId: string;
  /** From institution.created; null until that event has been seen. */
  bankName: string | null;
}

/** The dashboard as the monitor's REST API answers it; the gateway resolves `bank` from the ref. */
export interface DashboardDto {
  demandsPosted: number;
  demandsMatched: number;
  matchRate: number;
  amountRequested: number;
  amountOffered: number;
  amountDisbursed: number;
  medianHoursToFirstMatch: number | null;
  medianHoursToBankResponse: number | null;
  averageGuaranteeFeeRate: number | null;
  guaranteeFeeRateTarget: number;
  banksOverSla: (BankRef & { overdueMatches: number })[];
  byTier: { tier: Tier; demands: number; amountDisbursed: number }[];
  byBank: (BankRef & { matches: number; offers: number; amountDisbursed: number })[];
  loansActive: number;
  loansOverdue: number;
  reliefRequests: { kind: (typeof RELIEF_KINDS)[number]; pending: number; approved: number; declined: number }[];
  governmentRiskExposure: number;
  listingByStage: { stage: string; count: number }[];
  bondReserveAmount: number;
  equityRoundsOpen: number;
  roadshowLeads: number;
  /** Added (the contract allows added fields): the plan's targets beside their live numbers. */
  planTargets: {
    key: string;
    name: string;
    target: number;
    actual: number | null;
    unit: string;
    comparison: string;
    due: string | null;
    met: boolean | null;
  }[];
  /** Added: the period and the "now" the numbers were computed for, and the SLA used. */
  from: string | null;
  to: string | null;
  asOf: string;
  bankResponseSlaHours: number;
  /** How the SLA was counted, and the working days when by WORKING_DAYS. */
  bankResponseSlaBasis: SlaBasis;
  bankResponseSlaWorkingDays: number;
}

/**
 * Computes every number of the dashboard from the projection, for the period [from, to) and the
 * instant `asOf` (SLA breaches are judged at `asOf`). One pass over each kind of fact; the
 * definitions are in services/monitor/README.md "Definitions".
 */
export function computeDashboard(p: Projection, period: Period, asOf: number, targets: PlanTarget[] = []): DashboardDto {
  const tierOf = (enterpriseId: string): Tier => p.get('enterprise', enterpriseId)?.tier ?? 'NONE';
  const policy = p.policy();

  // First match of each demand (any status: a demand counts as matched once the platform proposed a product).
  const firstMatchAt = new Map<string, number>();
  type BankAcc = { matches: number; offers: number; amountDisbursed: number; overdue: number };
  const banks = new Map<string, BankAcc>();
  const bank = (id: string) => {
    let b = banks.get(id);
    if (!b) banks.set(id, (b = { matches: 0, offers: 0, amountDisbursed: 0, overdue: 0 }));
    return b;
  };
  let amountOffered = 0;
  const responseHours: number[] = [];
  // A match is over the SLA once asOf is beyond its deadline, counted as the policy says (clock
  // hours, working hours or working days on the working calendar, Beijing time).
  const sla = p.responseSla();
  const calendar = p.calendar();
  for (const m of p.all('match')) {
    const first = firstMatchAt.get(m.demandId);
    if (first === undefined || m.createdAt < first) firstMatchAt.set(m.demandId, m.createdAt);
    if (inPeriod(period, m.createdAt)) {
      bank(m.bankId).matches += 1;
      if (m.respondedAt !== null) responseHours.push((m.respondedAt - m.createdAt) / HOUR_MS);
      if (m.status === 'PROPOSED' && asOf > responseDeadline(calendar, sla, new Date(m.createdAt)).getTime()) bank(m.bankId).overdue += 1;
    }
    if (inPeriod(period, m.offeredAt) && m.offerAmount !== null) {
      bank(m.bankId).offers += 1;
      amountOffered += m.offerAmount;
    }
  }

  const byTier = new Map<Tier, { demands: number; amountDisbursed: number }>(
    TIER.options.map((t) => [t, { demands: 0, amountDisbursed: 0 }]),
  );
  let demandsPosted = 0;
  let demandsMatched = 0;
  let amountRequested = 0;
  const firstMatchHours: number[] = [];
  for (const d of p.all('demand')) {
    if (!inPeriod(period, d.postedAt)) continue;
    demandsPosted += 1;
    amountRequested += d.amount;
    byTier.get(tierOf(d.enterpriseId))!.demands += 1;
    const first = firstMatchAt.get(d._id);
    if (first !== undefined) {
      demandsMatched += 1;
      firstMatchHours.push(Math.max(0, first - d.postedAt) / HOUR_MS);
    }
  }

  let amountDisbursed = 0;
  let loansActive = 0;
  let loansOverdue = 0;
  let exposure = 0;
  const fees: { value: number; weight: number }[] = [];
  for (const l of p.all('loan')) {
    if (!inPeriod(period, l.disbursedAt)) continue;
    amountDisbursed += l.amount;
    bank(l.bankId).amountDisbursed += l.amount;
    byTier.get(tierOf(l.enterpriseId))!.amountDisbursed += l.amount;
    if (l.status === 'ACTIVE') loansActive += 1;
    if (l.status === 'OVERDUE') loansOverdue += 1;
    if (l.guaranteeFeeRate !== null) {
      fees.push({ value: l.guaranteeFeeRate, weight: l.amount });
      if (l.status === 'ACTIVE' && l.coverageRatio !== null && l.governmentShare !== null) {
        exposure += (l.outstandingPrincipal * l.coverageRatio * l.governmentShare) / 10_000;
      }
    }
  }

  const reliefs = new Map(RELIEF_KINDS.map((k) => [k, { kind: k, pending: 0, approved: 0, declined: 0 }]));
  for (const r of p.all('relief')) {
    if (!inPeriod(period, r.requestedAt)) continue;
    const acc = reliefs.get(r.kind)!;
    if (r.status === 'PENDING') acc.pending += 1;
    else if (r.status === 'APPROVED') acc.approved += 1;
    else acc.declined += 1;
  }

  const stages = new Map<string, number>(LISTING_STAGE.options.map((s) => [s, 0]));
  for (const c of p.all('listing')) if (inPeriod(period, c.stageAt)) stages.set(c.stage, (stages.get(c.stage) ?? 0) + 1);
  let bondReserveAmount = 0;
  for (const b of p.all('bond')) if (inPeriod(period, b.createdAt)) bondReserveAmount += b.amount;
  let equityRoundsOpen = 0;
  for (const r of p.all('equity')) if (r.status === 'OPEN' && inPeriod(period, r.createdAt)) equityRoundsOpen += 1;
  let roadshowLeads = 0;
  for (const r of p.all('roadshow')) for (const at of r.leadsAt) if (inPeriod(period, at)) roadshowLeads += 1;

  const ref = (bankId: string): BankRef => ({ bankId, bankName: p.get('institution', bankId)?.name ?? null });
  const averageFee = weightedMean(fees);
  const dto: DashboardDto = {
    demandsPosted,
    demandsMatched,
    matchRate: demandsPosted > 0 ? demandsMatched / demandsPosted : 0,
    amountRequested,
    amountOffered,
    amountDisbursed,
    medianHoursToFirstMatch: median(firstMatchHours),
    medianHoursToBankResponse: median(responseHours),
    averageGuaranteeFeeRate: averageFee === null ? null : round(averageFee, 6),
    guaranteeFeeRateTarget: policy.guaranteeFeeRateTarget,
    banksOverSla: [...banks.entries()]
      .filter(([, b]) => b.overdue > 0)
      .sort(([ia, a], [ib, b]) => b.overdue - a.overdue || ia.localeCompare(ib))
      .map(([id, b]) => ({ ...ref(id), overdueMatches: b.overdue })),
    byTier: [...byTier.entries()].map(([tier, t]) => ({ tier, ...t })),
    byBank: [...banks.entries()]
      .filter(([, b]) => b.matches > 0 || b.offers > 0 || b.amountDisbursed > 0)
      .sort(([ia, a], [ib, b]) => b.amountDisbursed - a.amountDisbursed || b.matches - a.matches || ia.localeCompare(ib))
      .map(([id, b]) => ({ ...ref(id), matches: b.matches, offers: b.offers, amountDisbursed: b.amountDisbursed })),
    loansActive,
    loansOverdue,
    reliefRequests: [...reliefs.values()],
    governmentRiskExposure: round(exposure, 2),
    listingByStage: [...stages.entries()].map(([stage, count]) => ({ stage, count })),
    bondReserveAmount,
    equityRoundsOpen,
    roadshowLeads,
    planTargets: [],
    from: period.from === null ? null : new Date(period.from).toISOString(),
    to: period.to === null ? null : new Date(period.to).toISOString(),
    asOf: new Date(asOf).toISOString(),
    bankResponseSlaHours: policy.bankResponseSlaHours,
    bankResponseSlaBasis: sla.bankResponseSlaBasis,
    bankResponseSlaWorkingDays: sla.bankResponseSlaWorkingDays,
  };
  dto.planTargets = planActuals(p, targets, dto, period, asOf);
  return dto;
}

/** The live number of each plan target (definitions: plan-targets.ts and the README). */
function planActuals(p: Projection, targets: PlanTarget[], dto: DashboardDto, period: Period, asOf: number): DashboardDto['planTargets'] {
  // "This year": the Beijing year of the period's last instant, else of asOf.
  const yearOf = (t: number) => Number(businessDateOf(t).slice(0, 4));
  const year = yearOf(period.to !== null ? period.to - 1 : asOf);
  return targets.map((t) => {
    let actual: number | null;
    const m = t.metric;
    if (m.kind === 'averageGuaranteeFeeRate') actual = dto.averageGuaranteeFeeRate;
    else if (m.kind === 'tierOrAbove') {
      actual = 0;
      for (const e of p.all('enterprise')) if (TIER_RANK[e.tier] >= TIER_RANK[m.tier]) actual += 1;
    } else {
      actual = 0;
      for (const e of p.all('enterprise')) {
        const at = e.reachedAt[m.tier];
        if (at !== undefined && yearOf(at) === year) actual += 1;
      }
    }
    return {
      key: t.key,
      name: t.name,
      target: t.target,
      actual,
      unit: t.unit,
      comparison: t.comparison,
      due: t.due ?? null,
      met: targetMet(t, actual),
    };
  });
}
