import { businessDateOf } from '@yinqi/calendar';
import type { DashboardDto, PlanTargetDto, Tier } from '@yinqi/contracts';
import type { PlanMetric, PlanTarget } from './plan-targets';
import { targetMet } from './plan-targets';
import type { Projection } from './projection';
import type { Period } from './stats';

const TIER_RANK: Record<Tier, number> = { NONE: 0, INNOVATIVE_SME: 1, MUNICIPAL_SRDI: 2, NATIONAL_LITTLE_GIANT: 3, SINGLE_CHAMPION: 4 };

/** The Beijing year of an instant. */
const yearOf = (t: number) => Number(businessDateOf(t).slice(0, 4));

/** The live number of one metric; `year` is "this year" of the yearly metrics. */
function actualOf(p: Projection, m: PlanMetric, dto: Pick<DashboardDto, 'averageGuaranteeFeeRate'>, year: number): number | null {
  if (m.kind === 'averageGuaranteeFeeRate') return dto.averageGuaranteeFeeRate;
  let actual = 0;
  if (m.kind === 'tierOrAbove') {
    for (const e of p.all('enterprise')) if (TIER_RANK[e.tier] >= TIER_RANK[m.tier]) actual += 1;
  } else {
    for (const e of p.all('enterprise')) {
      const at = e.reachedAt[m.tier];
      if (at !== undefined && yearOf(at) === year) actual += 1;
    }
  }
  return actual;
}

/** The live number of each plan target (definitions: plan-targets.ts and the README). */
export function planActuals(
  p: Projection,
  targets: PlanTarget[],
  dto: Pick<DashboardDto, 'averageGuaranteeFeeRate'>,
  period: Period,
  asOf: number,
): PlanTargetDto[] {
  // "This year": the Beijing year of the period's last instant, else of asOf.
  const year = yearOf(period.to !== null ? period.to - 1 : asOf);
  return targets.map((t) => {
    const actual = actualOf(p, t.metric, dto, year);
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
