import type { DashboardDto } from '@yinqi/contracts';
import {
  bankLists,
  BankTally,
  capitalFigures,
  demandFigures,
  emptyTierTally,
  loanFigures,
  matchFigures,
  reliefFigures,
} from './dashboard-figures';
import { planActuals } from './plan-actuals';
import type { PlanTarget } from './plan-targets';
import type { Projection } from './projection';
import { median, round, weightedMean, type Period } from './stats';

const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Computes every number of the dashboard from the projection, for the period [from, to) and the
 * instant `asOf` (SLA breaches are judged at `asOf`). One pass over each kind of fact; the
 * definitions are in services/monitor/README.md "Definitions".
 */
export function computeDashboard(p: Projection, period: Period, asOf: number, targets: PlanTarget[] = []): DashboardDto {
  const policy = p.policy();
  const sla = p.responseSla();
  const banks = new BankTally();
  const byTier = emptyTierTally();
  const matches = matchFigures(p, period, asOf, banks);
  const demands = demandFigures(p, period, matches.firstMatchAt, byTier);
  const loans = loanFigures(p, period, banks, byTier);
  const averageFee = weightedMean(loans.fees);
  const averageGuaranteeFeeRate = averageFee === null ? null : round(averageFee, 6);
  const { banksOverSla, byBank } = bankLists(p, banks);
  return {
    demandsPosted: demands.demandsPosted,
    demandsMatched: demands.demandsMatched,
    matchRate: demands.demandsPosted > 0 ? demands.demandsMatched / demands.demandsPosted : 0,
    amountRequested: demands.amountRequested,
    amountOffered: matches.amountOffered,
    amountDisbursed: loans.amountDisbursed,
    medianHoursToFirstMatch: median(demands.firstMatchHours),
    medianHoursToBankResponse: median(matches.responseHours),
    averageGuaranteeFeeRate,
    guaranteeFeeRateTarget: policy.guaranteeFeeRateTarget,
    banksOverSla,
    byTier: [...byTier.entries()].map(([tier, t]) => ({ tier, ...t })),
    byBank,
    loansActive: loans.loansActive,
    loansOverdue: loans.loansOverdue,
    reliefRequests: reliefFigures(p, period),
    governmentRiskExposure: round(loans.exposure, 2),
    ...capitalFigures(p, period),
    planTargets: planActuals(p, targets, { averageGuaranteeFeeRate }, period, asOf),
    from: isoOrNull(period.from),
    to: isoOrNull(period.to),
    asOf: new Date(asOf).toISOString(),
    bankResponseSlaHours: policy.bankResponseSlaHours,
    bankResponseSlaBasis: sla.bankResponseSlaBasis,
    bankResponseSlaWorkingDays: sla.bankResponseSlaWorkingDays,
  };
}
