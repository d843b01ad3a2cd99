import { LISTING_STAGE, TIER } from '@yinqi/contracts';
import { z } from 'zod';

/** Validation per API-CONTRACT.md "Validation": anything outside is BAD_USER_INPUT and writes nothing. */
const amount = z.number().int('must be whole yuan').min(1, 'at least 1 yuan').max(2_000_000_000, 'at most 2,000,000,000 yuan');
const name = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const longText = z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2,000 characters');
const optionalNote = z
  .string()
  .max(2000, 'at most 2,000 characters')
  .nullish()
  .transform((v) => (v && v.trim() ? v.trim() : null));
const id = z.string().min(1).max(200);
const industry = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const list = <T extends z.ZodTypeAny>(item: T, max = 50) =>
  z
    .array(item)
    .max(max, `at most ${max} entries`)
    .nullish()
    .transform((v) => [...new Set(v ?? [])] as z.infer<T>[]);

export const setStageSchema = z.object({ stage: LISTING_STAGE, note: optionalNote }).strict();
export const coachSchema = z.object({ coach: name }).strict();
export const rewardPaidSchema = z.object({ stage: LISTING_STAGE }).strict();

/** 2020Q1 … 2099Q4. */
const QUARTER = /^(20\d\d)Q([1-4])$/;
export const bondReserveSchema = z
  .object({
    enterpriseId: id,
    amount,
    purpose: longText,
    plannedQuarter: z.string().regex(QUARTER, 'must be a quarter like 2026Q3'),
  })
  .strict();

export const equityRoundSchema = z
  .object({
    amount,
    preMoneyValuation: z.number().gt(0, 'must be above 0').max(1e13, 'at most 10,000,000,000,000 yuan'),
    useOfFunds: longText,
  })
  .strict();

export const fundMandateSchema = z
  .object({
    name,
    minTicket: amount,
    maxTicket: amount,
    eligibleTiers: list(TIER),
    industries: list(industry),
    stages: list(LISTING_STAGE),
  })
  .strict()
  .refine((m) => m.minTicket <= m.maxTicket, { message: 'minTicket must not exceed maxTicket', path: ['minTicket'] });

export const respondSchema = z.object({ interested: z.boolean(), note: optionalNote }).strict();

export const roadshowSchema = z
  .object({
    title: name,
    startsAt: z.string().datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
    industries: list(industry),
    capacity: z.number().int('must be a whole number').min(1, 'at least 1').max(10_000, 'at most 10,000'),
  })
  .strict();
export const joinSchema = z.object({ pitch: longText }).strict();
export const leadSchema = z.object({ enterpriseId: id, note: longText }).strict();

export const pageQuerySchema = z.object({ first: z.string().optional(), after: z.string().optional() });
export const pipelineQuerySchema = pageQuerySchema.extend({ stage: LISTING_STAGE.optional() });
export const roadshowQuerySchema = pageQuerySchema.extend({ upcoming: z.enum(['true', 'false']).optional() });
