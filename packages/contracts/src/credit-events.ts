import { z } from 'zod';
import { defineEvent, TOPIC_PREFIX } from './registry';

export const CREDIT_TOPICS = {
  guarantee: `${TOPIC_PREFIX}.guarantee`,
  policy: `${TOPIC_PREFIX}.policy`,
  loan: `${TOPIC_PREFIX}.loan`,
} as const;

export const GUARANTEE_REQUEST_STATUS = z.enum(['OPEN', 'SELECTED', 'CLOSED']);

export const guaranteeQuoteSnapshot = z.object({
  quoteId: z.string(),
  guarantorId: z.string(),
  /** % a year. */
  feeRate: z.number(),
  /** % of the loan the guarantor covers. */
  coverageRatio: z.number(),
  conditions: z.string().nullable(),
  quotedAt: z.string().datetime(),
});

/** A guarantee request (政银担) as it stands after the change. */
export const guaranteeRequestSnapshot = z.object({
  requestId: z.string(),
  matchId: z.string(),
  demandId: z.string(),
  enterpriseId: z.string(),
  bankId: z.string(),
  amount: z.number().int(),
  status: GUARANTEE_REQUEST_STATUS,
  quotes: z.array(guaranteeQuoteSnapshot),
  selectedQuoteId: z.string().nullable(),
  createdAt: z.string().datetime(),
});
export type GuaranteeRequestSnapshot = z.infer<typeof guaranteeRequestSnapshot>;

const requestEvent = z.object({ request: guaranteeRequestSnapshot });
/** Guarantee request aggregate (key = requestId), owned by the guarantee service. */
export const guaranteeRequestOpened = defineEvent('guarantee.request-opened', CREDIT_TOPICS.guarantee, requestEvent);
export const guaranteeQuoted = defineEvent('guarantee.quoted', CREDIT_TOPICS.guarantee, requestEvent);
export const guaranteeQuoteSelected = defineEvent('guarantee.quote-selected', CREDIT_TOPICS.guarantee, requestEvent);
export const guaranteeRequestClosed = defineEvent(
  'guarantee.request-closed',
  CREDIT_TOPICS.guarantee,
  requestEvent.extend({ reason: z.string() }),
);
/** Every event of the guarantee request aggregate: each carries the whole request. */
export const GUARANTEE_EVENTS = [guaranteeRequestOpened, guaranteeQuoted, guaranteeQuoteSelected, guaranteeRequestClosed] as const;

/** The district's financing policy; one aggregate, key = "policy". */
export const policySnapshot = z.object({
  guaranteeFeeRateCap: z.number(),
  guaranteeFeeRateTarget: z.number(),
  riskShareGuarantor: z.number(),
  riskShareBank: z.number(),
  riskShareGovernment: z.number(),
  bankResponseSlaHours: z.number().int(),
  /**
   * How the response SLA is counted: CLOCK_HOURS (round the clock, the contract's default),
   * WORKING_HOURS (the clock stops on days off) or WORKING_DAYS (end of the nth working day, Beijing
   * time). Events written before the working calendar existed carry neither field: their defaults.
   */
  bankResponseSlaBasis: z.enum(['CLOCK_HOURS', 'WORKING_HOURS', 'WORKING_DAYS']).default('CLOCK_HOURS'),
  /** With WORKING_DAYS: the bank answers by the end of this many working days after the match. */
  bankResponseSlaWorkingDays: z.number().int().default(3),
  /** 应急转贷: no earlier than this many days before maturity. */
  bridgeRequestWindowDays: z.number().int(),
  /** 应急转贷: lent for at most this many working days. */
  bridgeMaxWorkingDays: z.number().int(),
});
export type PolicySnapshot = z.infer<typeof policySnapshot>;
export const POLICY_KEY = 'policy';
export const policyChanged = defineEvent(
  'policy.changed',
  CREDIT_TOPICS.policy,
  z.object({ policy: policySnapshot, changedBy: z.string(), changedAt: z.string().datetime() }),
);

/** One day of the working calendar, `YYYY-MM-DD` in Beijing time, with its name (春节, 国庆节调休上班 …). */
export const calendarDaySnapshot = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string() });
/** One year: days off on top of weekends and weekend days worked instead (调休上班). */
export const calendarYearSnapshot = z.object({
  year: z.number().int(),
  holidays: z.array(calendarDaySnapshot),
  makeUpWorkdays: z.array(calendarDaySnapshot),
});
/** The district's working calendar (工作日历), owned with the policy; every maintained year. */
export const workingCalendarSnapshot = z.object({ years: z.array(calendarYearSnapshot) });
export type WorkingCalendarSnapshotData = z.infer<typeof workingCalendarSnapshot>;
export const WORKING_CALENDAR_KEY = 'working-calendar';
/**
 * The working calendar changed (a year entered or corrected). Carries the whole calendar, so a
 * consumer replaces its copy (version-conditional) and never merges.
 */
export const workingCalendarChanged = defineEvent(
  'calendar.changed',
  CREDIT_TOPICS.policy,
  z.object({
    calendar: workingCalendarSnapshot,
    year: z.number().int().nullable(),
    changedBy: z.string(),
    changedAt: z.string().datetime(),
  }),
);
