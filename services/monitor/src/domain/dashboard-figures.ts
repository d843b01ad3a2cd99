import { responseDeadline } from '@yinqi/calendar';
import { LISTING_STAGE, RELIEF_KIND, TIER, type DashboardDto, type Tier } from '@yinqi/contracts';
import type { Projection } from './projection';
import { governmentExposure, HOUR_MS, inPeriod, type Period } from './stats';

/** Per bank: what the dashboard counts for it. */
export interface BankFigures {
  matches: number;
  offers: number;
  amountDisbursed: number;
  overdue: number;
}

/** Banks by id, created on first use. */
export class BankTally {
  readonly byId = new Map<string, BankFigures>();

  of(id: string): BankFigures {
    let b = this.byId.get(id);
    if (!b) this.byId.set(id, (b = { matches: 0, offers: 0, amountDisbursed: 0, overdue: 0 }));
    return b;
  }
}

/** Demands and amount disbursed per tier, every tier listed (TIER order). */
export type TierTally = Map<Tier, { demands: number; amountDisbursed: number }>;

export const emptyTierTally = (): TierTally => new Map(TIER.options.map((t) => [t, { demands: 0, amountDisbursed: 0 }]));

const tierOf = (p: Projection, enterpriseId: string): Tier => p.get('enterprise', enterpriseId)?.tier ?? 'NONE';

/**
 * One pass over the matches: each demand's first match (any status: a demand counts as matched once
 * the platform proposed a product), matches, offers and SLA breaches per bank, and response times.
 * A match is over the SLA once asOf is beyond its deadline, counted as the policy says (clock
 * hours, working hours or working days on the working calendar, Beijing time).
 */
export function matchFigures(p: Projection, period: Period, asOf: number, banks: BankTally) {
  const firstMatchAt = new Map<string, number>();
  const responseHours: number[] = [];
  let amountOffered = 0;
  const sla = p.responseSla();
  const calendar = p.calendar();
  for (const m of p.all('match')) {
    const first = firstMatchAt.get(m.demandId);
    if (first === undefined || m.createdAt < first) firstMatchAt.set(m.demandId, m.createdAt);
    if (inPeriod(period, m.createdAt)) {
      banks.of(m.bankId).matches += 1;
      if (m.respondedAt !== null) responseHours.push((m.respondedAt - m.createdAt) / HOUR_MS);
      if (m.status === 'PROPOSED' && asOf > responseDeadline(calendar, sla, new Date(m.createdAt)).getTime())
        banks.of(m.bankId).overdue += 1;
    }
    if (inPeriod(period, m.offeredAt) && m.offerAmount !== null) {
      banks.of(m.bankId).offers += 1;
      amountOffered += m.offerAmount;
    }
  }
  return { firstMatchAt, responseHours, amountOffered };
}

/** Demands posted in the period: how many, how much, how many matched and how soon. */
export function demandFigures(p: Projection, period: Period, firstMatchAt: ReadonlyMap<string, number>, byTier: TierTally) {
  let demandsPosted = 0;
  let demandsMatched = 0;
  let amountRequested = 0;
  const firstMatchHours: number[] = [];
  for (const d of p.all('demand')) {
    if (!inPeriod(period, d.postedAt)) continue;
    demandsPosted += 1;
    amountRequested += d.amount;
    byTier.get(tierOf(p, d.enterpriseId))!.demands += 1;
    const first = firstMatchAt.get(d._id);
    if (first !== undefined) {
      demandsMatched += 1;
      firstMatchHours.push(Math.max(0, first - d.postedAt) / HOUR_MS);
    }
  }
  return { demandsPosted, demandsMatched, amountRequested, firstMatchHours };
}

/** Loans disbursed in the period: amounts (per bank and tier), statuses, guarantee fees and government exposure. */
export function loanFigures(p: Projection, period: Period, banks: BankTally, byTier: TierTally) {
  let amountDisbursed = 0;
  let loansActive = 0;
  let loansOverdue = 0;
  let exposure = 0;
  const fees: { value: number; weight: number }[] = [];
  for (const l of p.all('loan')) {
    if (!inPeriod(period, l.disbursedAt)) continue;
    amountDisbursed += l.amount;
    banks.of(l.bankId).amountDisbursed += l.amount;
    byTier.get(tierOf(p, l.enterpriseId))!.amountDisbursed += l.amount;
    if (l.status === 'ACTIVE') loansActive += 1;
    if (l.status === 'OVERDUE') loansOverdue += 1;
    if (l.guaranteeFeeRate !== null) {
      fees.push({ value: l.guaranteeFeeRate, weight: l.amount });
      exposure += governmentExposure(l) ?? 0;
    }
  }
  return { amountDisbursed, loansActive, loansOverdue, exposure, fees };
}

/** Relief requests made in the period, by kind and status. */
export function reliefFigures(p: Projection, period: Period): DashboardDto['reliefRequests'] {
  const reliefs = new Map(RELIEF_KIND.options.map((k) => [k, { kind: k, pending: 0, approved: 0, declined: 0 }]));
  for (const r of p.all('relief')) {
    if (!inPeriod(period, r.requestedAt)) continue;
    const acc = reliefs.get(r.kind)!;
    if (r.status === 'PENDING') acc.pending += 1;
    else if (r.status === 'APPROVED') acc.approved += 1;
    else acc.declined += 1;
  }
  return [...reliefs.values()];
}

/** The capital-markets numbers: listing stages, bond reserve, open equity rounds, roadshow leads. */
export function capitalFigures(p: Projection, period: Period) {
  const stages = new Map<string, number>(LISTING_STAGE.options.map((s) => [s, 0]));
  for (const c of p.all('listing')) if (inPeriod(period, c.stageAt)) stages.set(c.stage, (stages.get(c.stage) ?? 0) + 1);
  let bondReserveAmount = 0;
  for (const b of p.all('bond')) if (inPeriod(period, b.createdAt)) bondReserveAmount += b.amount;
  let equityRoundsOpen = 0;
  for (const r of p.all('equity')) if (r.status === 'OPEN' && inPeriod(period, r.createdAt)) equityRoundsOpen += 1;
  let roadshowLeads = 0;
  for (const r of p.all('roadshow')) for (const at of r.leadsAt) if (inPeriod(period, at)) roadshowLeads += 1;
  return {
    listingByStage: [...stages.entries()].map(([stage, count]) => ({ stage, count })),
    bondReserveAmount,
    equityRoundsOpen,
    roadshowLeads,
  };
}

/** Banks over the SLA and the per-bank table, each bank named from institution.created. */
export function bankLists(p: Projection, banks: BankTally): Pick<DashboardDto, 'banksOverSla' | 'byBank'> {
  const ref = (bankId: string) => ({ bankId, bankName: p.get('institution', bankId)?.name ?? null });
  const entries = [...banks.byId.entries()];
  return {
    banksOverSla: entries
      .filter(([, b]) => b.overdue > 0)
      .sort(([ia, a], [ib, b]) => b.overdue - a.overdue || ia.localeCompare(ib))
      .map(([id, b]) => ({ ...ref(id), overdueMatches: b.overdue })),
    byBank: entries
      .filter(([, b]) => b.matches > 0 || b.offers > 0 || b.amountDisbursed > 0)
      .sort(([ia, a], [ib, b]) => b.amountDisbursed - a.amountDisbursed || b.matches - a.matches || ia.localeCompare(ib))
      .map(([id, b]) => ({ ...ref(id), matches: b.matches, offers: b.offers, amountDisbursed: b.amountDisbursed })),
  };
}
