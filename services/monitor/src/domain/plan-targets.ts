import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TIER } from '@yinqi/contracts';
import defaults from './plan-targets.default.json';

/** How a target's live number is computed (services/monitor/README.md "Plan targets"). */
const metricSchema = z.discriminatedUnion('kind', [
  /** Enterprises first certified at exactly this tier during the year of the period's end (or this year). */
  z.object({ kind: z.literal('newTierInYear'), tier: TIER }),
  /** Enterprises whose current tier is this one or a higher one (梯度培育: a little giant is also an SRDI firm). */
  z.object({ kind: z.literal('tierOrAbove'), tier: TIER }),
  /** The dashboard's averageGuaranteeFeeRate for the period (null without guaranteed loans). */
  z.object({ kind: z.literal('averageGuaranteeFeeRate') }),
]);

export const planTargetSchema = z.object({
  key: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  metric: metricSchema,
  target: z.number(),
  /** AT_LEAST: met when actual ≥ target; AT_MOST: actual ≤ target; BELOW: actual < target. */
  comparison: z.enum(['AT_LEAST', 'AT_MOST', 'BELOW']),
  unit: z.string().max(20),
  /** ISO date by which the target is due, when it has one. */
  due: z.string().date().optional(),
});
export type PlanTarget = z.infer<typeof planTargetSchema>;
export type PlanMetric = z.infer<typeof metricSchema>;

const fileSchema = z.object({ description: z.string().optional(), targets: z.array(planTargetSchema).max(100) });

/** The plan targets: the file at `path` when given, else the defaults shipped with the service. */
export function loadPlanTargets(path?: string): PlanTarget[] {
  const raw: unknown = path ? JSON.parse(readFileSync(path, 'utf8')) : defaults;
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `plan targets ${path ?? '(defaults)'}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data.targets;
}

export function targetMet(t: Pick<PlanTarget, 'comparison' | 'target'>, actual: number | null): boolean | null {
  if (actual === null) return null;
  if (t.comparison === 'AT_LEAST') return actual >= t.target;
  if (t.comparison === 'AT_MOST') return actual <= t.target;
  return actual < t.target;
}
