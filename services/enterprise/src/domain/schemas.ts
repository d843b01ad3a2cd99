import { z } from 'zod';
import { COLLATERAL, PURPOSE, TIER } from '@yinqi/contracts';

/** Amounts in whole yuan (API-CONTRACT "Validation"). */
export const MAX_AMOUNT = 2_000_000_000;
export const MAX_EMPLOYEES = 10_000_000;
/** GraphQL Int's upper bound: the only limit the contract sets on a count it does not name. */
const MAX_INT = 2_147_483_647;

// Absent leaves a profile field as it is; null clears it (the fields are nullable in the contract).
const profileInt = (max: number) =>
  z.number().int('must be a whole number').min(0, 'must be 0 or more').max(max, `at most ${max}`).nullable().optional();

export const profileInputSchema = z.object({
  annualRevenue: profileInt(MAX_AMOUNT),
  employees: profileInt(MAX_EMPLOYEES),
  /** 研发费用加计扣除备案额, yuan. */
  rdSuperDeductionFiled: profileInt(MAX_AMOUNT),
  highValuePatents: profileInt(MAX_INT),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

export const certifyInputSchema = z.object({ tier: TIER, whitelisted: z.boolean() });
export type CertifyInput = z.infer<typeof certifyInputSchema>;

export const demandInputSchema = z.object({
  amount: z.number().int('must be a whole number of yuan').min(1, 'at least 1').max(MAX_AMOUNT, `at most ${MAX_AMOUNT}`),
  termMonths: z.number().int('must be a whole number').min(1, 'at least 1').max(360, 'at most 360'),
  purpose: PURPOSE,
  collateral: COLLATERAL,
  maxAnnualRate: z.number().gt(0, 'must be more than 0').lte(36, 'at most 36').nullish(),
  needsGuarantee: z.boolean(),
  description: z.string().max(2_000, 'at most 2000 characters').nullish(),
});
export type DemandInput = z.infer<typeof demandInputSchema>;

/** `?tier=` of the enterprise list. */
export const tierQuerySchema = TIER.optional();

/** `?search=&town=&industry=` of the finance centre's enterprise list; blank means not given. */
const searchText = z
  .string()
  .max(100, 'at most 100 characters')
  .optional()
  .transform((s) => (s?.trim() ? s.trim() : undefined));
export const enterpriseSearchQuerySchema = z.object({ search: searchText, town: searchText, industry: searchText });

/** `?ids=a,b` of the batch reads; bounded like the gateway's DataLoader batches. */
export const idListSchema = z
  .string()
  .max(10_000)
  .transform((s) =>
    [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ].slice(0, 200),
  );
