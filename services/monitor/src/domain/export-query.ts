import { endOfBusinessDate, isBusinessDate, startOfBusinessDate } from '@yinqi/calendar';
import { badInput } from '@yinqi/errors';
import { z } from 'zod';
import type { Period } from './stats';

const bound = z
  .string()
  .refine((s) => isBusinessDate(s) || z.string().datetime({ offset: true }).safeParse(s).success, {
    message: 'a date (yyyy-MM-dd, Beijing) or an ISO-8601 instant',
  })
  .optional();

/**
 * Query of the exports: `from` / `to` each either an ISO-8601 instant (the half-open [from, to) the
 * dashboard uses) or a date `yyyy-MM-dd`, read as a Beijing day and taken whole on both ends
 * (`from=2026-01-01&to=2026-01-31` is January in Beijing time); `columns` picks the headers.
 */
export const exportQuerySchema = z.object({
  from: bound,
  to: bound,
  columns: z.enum(['zh', 'codes']).default('zh'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The period of an export's query; a missing end is unbounded, `from` after `to` is BAD_USER_INPUT. */
export function exportPeriod(q: Pick<ExportQuery, 'from' | 'to'>): Period {
  const from = q.from === undefined ? null : isBusinessDate(q.from) ? startOfBusinessDate(q.from).getTime() : Date.parse(q.from);
  const to = q.to === undefined ? null : isBusinessDate(q.to) ? endOfBusinessDate(q.to).getTime() : Date.parse(q.to);
  // A `to` day ends where the next day starts: `from` at that instant begins after the `to` day.
  const toIsDay = q.to !== undefined && isBusinessDate(q.to);
  if (from !== null && to !== null && (toIsDay ? from >= to : from > to))
    throw badInput('from must not be after to', { from: q.from, to: q.to });
  return { from, to };
}
