import { SLA_BASES } from '@yinqi/calendar';
import { z } from 'zod';

const conditions = z.string().max(2000, 'at most 2,000 characters').nullish();

/** GuaranteeQuoteInput: fee and coverage in percent (Units in API-CONTRACT.md). */
export const quoteSchema = z.object({
  feeRate: z.number().gt(0, 'must be above 0').max(10, 'at most 10'),
  coverageRatio: z.number().gt(0, 'must be above 0').max(100, 'at most 100'),
  conditions,
});
export type QuoteInput = z.infer<typeof quoteSchema>;

const feeRate = z.number().gt(0, 'must be above 0').max(10, 'at most 10');
const share = z.number().min(0, 'must be 0 or more').max(100, 'at most 100');

/** PolicyInput: every field optional (a partial update); cross-field rules live in policy.ts. */
export const policyInputSchema = z
  .object({
    guaranteeFeeRateCap: feeRate,
    guaranteeFeeRateTarget: feeRate,
    riskShareGuarantor: share,
    riskShareBank: share,
    riskShareGovernment: share,
    bankResponseSlaHours: z.number().int('must be whole hours').min(1, 'at least 1').max(720, 'at most 720'),
    bankResponseSlaBasis: z.enum(SLA_BASES),
    bankResponseSlaWorkingDays: z.number().int('must be whole days').min(1, 'at least 1').max(30, 'at most 30'),
    bridgeRequestWindowDays: z.number().int('must be whole days').min(1, 'at least 1').max(365, 'at most 365'),
    bridgeMaxWorkingDays: z.number().int('must be whole days').min(1, 'at least 1').max(60, 'at most 60'),
  })
  .partial()
  .strict();
export type PolicyInput = z.infer<typeof policyInputSchema>;

const calendarDay = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  name: z.string().trim().min(1, 'needs a name').max(50, 'at most 50 characters'),
});
/** WorkingCalendarYearInput: one whole year, replacing what was there (rules across days: working-calendar.ts). */
export const calendarYearInputSchema = z
  .object({
    year: z.number().int().min(2000, 'from 2000').max(2100, 'to 2100'),
    holidays: z.array(calendarDay).max(366, 'at most 366 days'),
    makeUpWorkdays: z.array(calendarDay).max(366, 'at most 366 days'),
  })
  .strict();
export type CalendarYearInput = z.infer<typeof calendarYearInputSchema>;

export const REQUEST_STATUSES = ['OPEN', 'SELECTED', 'CLOSED'] as const;
export const listQuerySchema = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  first: z.string().optional(),
  after: z.string().optional(),
});
