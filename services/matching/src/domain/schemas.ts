import { z } from 'zod';

export const respondSchema = z.object({ interested: z.boolean(), reason: z.string().max(2000, 'at most 2,000 characters').nullish() });

export const offerSchema = z.object({
  amount: z.number().int('must be whole yuan').min(1).max(2_000_000_000),
  annualRate: z.number().gt(0, 'must be above 0').max(36, 'at most 36'),
  termMonths: z.number().int().min(1).max(360),
  conditions: z.string().max(2000, 'at most 2,000 characters').nullish(),
});

const idList = z
  .string()
  .max(20_000)
  .transform((s) => s.split(',').filter(Boolean).slice(0, 200));
export const listQuerySchema = z.object({ ids: idList.optional(), demandIds: idList.optional() });

export const bankMatchesQuerySchema = z.object({
  status: z.enum(['PROPOSED', 'INTERESTED', 'DECLINED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'WITHDRAWN']).optional(),
  first: z.string().optional(),
  after: z.string().optional(),
  /** Part of the enterprise's name; blank means all. */
  enterpriseName: z
    .string()
    .max(100, 'at most 100 characters')
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : undefined)),
});
