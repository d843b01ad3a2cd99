import { z } from 'zod';
import { LOAN_STATUS, RELIEF_KIND, REPAYMENT_METHOD, RISK_LEVEL } from '@yinqi/contracts';

const dateTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time' })
  .transform((s) => new Date(s));
const text = z.string().max(2000, 'at most 2,000 characters');

export const disburseSchema = z.object({ disbursedAt: dateTime, repaymentMethod: REPAYMENT_METHOD });
export const repaymentSchema = z.object({ amount: z.number().int('must be whole yuan').min(1).max(2_000_000_000), paidAt: dateTime });
export const followUpSchema = z.object({ note: text.min(1, 'must not be empty'), riskLevel: RISK_LEVEL });
export const reliefRequestSchema = z.object({
  kind: RELIEF_KIND,
  reason: text,
  months: z.number().int().min(1, 'at least 1').max(12, 'at most 12').nullish(),
  amount: z.number().int('must be whole yuan').min(1).max(2_000_000_000).nullish(),
});
export const reliefDecisionSchema = z.object({ approve: z.boolean(), note: text.nullish() });

const idList = z
  .string()
  .max(20_000)
  .transform((s) => s.split(',').filter(Boolean).slice(0, 200));
export const listQuerySchema = z.object({
  ids: idList.optional(),
  status: LOAN_STATUS.optional(),
  first: z.string().optional(),
  after: z.string().optional(),
});
