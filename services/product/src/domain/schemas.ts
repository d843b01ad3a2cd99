import { z } from 'zod';
import { COLLATERAL, POLICY_TAG, PURPOSE, TIER } from '@yinqi/contracts';

/** Contract limits (API-CONTRACT.md, Validation) as they apply to a product. */
export const PRODUCT_LIMITS = {
  nameLength: 100,
  minAmount: 1,
  maxAmount: 2_000_000_000,
  minTermMonths: 1,
  maxTermMonths: 360,
  maxAnnualRate: 36,
  industries: 50,
  industryLength: 100,
  /**
   * Entries a list may carry before de-duplication. The distinct values of every enum list are
   * few; this only stops a body full of repeats from costing work before it is refused.
   */
  rawListEntries: 1_000,
} as const;

const distinct = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** A list where missing, null and empty all mean "any"; repeats are dropped (they change nothing). */
const anyOf = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .max(PRODUCT_LIMITS.rawListEntries, `at most ${PRODUCT_LIMITS.rawListEntries} entries`)
    .nullish()
    .transform((xs): z.infer<T>[] => distinct(xs ?? []));

const amount = z
  .number()
  .int('must be a whole number of yuan')
  .min(PRODUCT_LIMITS.minAmount, `must be at least ${PRODUCT_LIMITS.minAmount} yuan`)
  .max(PRODUCT_LIMITS.maxAmount, `must be at most ${PRODUCT_LIMITS.maxAmount} yuan`);
const termMonths = z
  .number()
  .int('must be a whole number of months')
  .min(PRODUCT_LIMITS.minTermMonths, `must be at least ${PRODUCT_LIMITS.minTermMonths} month`)
  .max(PRODUCT_LIMITS.maxTermMonths, `must be at most ${PRODUCT_LIMITS.maxTermMonths} months`);
const annualRate = z
  .number()
  .gt(0, 'must be above 0 (% per year)')
  .max(PRODUCT_LIMITS.maxAnnualRate, `must be at most ${PRODUCT_LIMITS.maxAnnualRate} (% per year)`);
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** ProductInput of the contract: what a bank officer publishes. */
export const productInputSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(PRODUCT_LIMITS.nameLength, `at most ${PRODUCT_LIMITS.nameLength} characters`),
    minAmount: amount,
    maxAmount: amount,
    minTermMonths: termMonths,
    maxTermMonths: termMonths,
    annualRateMin: annualRate,
    annualRateMax: annualRate,
    eligibleTiers: anyOf(TIER),
    industries: anyOf(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(PRODUCT_LIMITS.industryLength, `at most ${PRODUCT_LIMITS.industryLength} characters`),
    ).pipe(z.array(z.string()).max(PRODUCT_LIMITS.industries, `at most ${PRODUCT_LIMITS.industries} distinct industries`)),
    purposes: anyOf(PURPOSE),
    collateralAccepted: anyOf(COLLATERAL),
    requiresWhitelist: flag,
    requiresGuarantee: flag,
    /** 研发费用加计扣除 filed amount (yuan) from which the credit uplift applies. */
    rdUpliftThreshold: z
      .number()
      .int('must be a whole number of yuan')
      .min(0, 'must not be negative')
      .safe()
      .nullish()
      .transform((v) => v ?? null),
    rdUpliftRatio: z
      .number()
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1')
      .nullish()
      .transform((v) => v ?? null),
    policyTags: anyOf(POLICY_TAG),
  })
  .strict()
  .superRefine((p, ctx) => {
    const range = (min: keyof typeof p, max: keyof typeof p) => {
      const lo = p[min];
      const hi = p[max];
      if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [min], message: `must not exceed ${max}` });
      }
    };
    range('minAmount', 'maxAmount');
    range('minTermMonths', 'maxTermMonths');
    range('annualRateMin', 'annualRateMax');
    // The uplift is "ratio once the filed amount reaches the threshold": half of it means nothing.
    // `== null` also covers a field whose own check failed (its transform did not run).
    if ((p.rdUpliftRatio == null) !== (p.rdUpliftThreshold == null)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [p.rdUpliftRatio == null ? 'rdUpliftRatio' : 'rdUpliftThreshold'],
        message: 'rdUpliftRatio and rdUpliftThreshold are given together or not at all',
      });
    }
  });
export type ProductInput = z.infer<typeof productInputSchema>;

/** The catalogue's query string (GET /products without `ids`); `first`/`after` are checked by the pager. */
export const catalogueQuerySchema = z.object({
  bankId: z.string().min(1, 'must not be empty').max(100, 'at most 100 characters').optional(),
  policyTag: POLICY_TAG.optional(),
  first: z.string().max(20).optional(),
  after: z.string().max(500).optional(),
  /** Part of the product's name; blank means all. */
  search: z
    .string()
    .max(100, 'at most 100 characters')
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : undefined)),
});
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;

/** `ids=a,b,c` of the gateway's batch loader. */
export const idListSchema = z
  .string()
  .max(10_000)
  .transform((s) => distinct(s.split(',').filter(Boolean)))
  .pipe(z.array(z.string().max(100)).max(200, 'at most 200 ids'));
