import { z } from 'zod';
import { badInput } from '@yinqi/errors';
import type { Period } from './stats';

const instant = z.string().datetime({ offset: true }).optional();

/** Query of GET /dashboard and the exports: a half-open period [from, to) and, for the dashboard, the "now" of SLA checks. */
export const periodQuerySchema = z.object({ from: instant, to: instant, asOf: instant });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

/** Missing ends mean "all time"; `from` after `to` is BAD_USER_INPUT. */
export function toPeriod(q: PeriodQuery): Period {
  const from = q.from ? Date.parse(q.from) : null;
  const to = q.to ? Date.parse(q.to) : null;
  if (from !== null && to !== null && from > to) throw badInput('from must not be after to', { from: q.from, to: q.to });
  return { from, to };
}
