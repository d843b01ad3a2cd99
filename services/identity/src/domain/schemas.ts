import { z } from 'zod';
import { usccProblem } from './uscc';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'at most 254 characters')
  .regex(/^[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+$/, 'is not a well-formed email address');
const password = z.string().min(10, 'at least 10 characters').max(128, 'at most 128 characters');
const name = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters');

export const registerEnterpriseSchema = z.object({
  email,
  password,
  name,
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const problem = usccProblem(v);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a valid unified social credit code: ${problem}` });
    }),
  industry: name,
  town: name,
});
export type RegisterEnterpriseInput = z.infer<typeof registerEnterpriseSchema>;

export const loginSchema = z.object({ email: z.string().max(254), password: z.string().max(128) });

export const createInstitutionSchema = z.object({ kind: z.enum(['BANK', 'GUARANTOR', 'FUND']), name });
export type CreateInstitutionInput = z.infer<typeof createInstitutionSchema>;

export const createUserSchema = z.object({
  email,
  password,
  role: z.enum(['ENTERPRISE', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER', 'FINANCE_CENTER']),
  institutionId: z.string().max(100).nullish(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** changePassword: lengths bounded here; the contract's rules on the new one are checked by the use-case (BAD_USER_INPUT). */
export const changePasswordSchema = z.object({ oldPassword: z.string().max(256), newPassword: z.string().max(1024) });

export const listUsersSchema = z.object({
  role: z.enum(['ENTERPRISE', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER', 'FINANCE_CENTER']).optional(),
  orgId: z.string().max(100).optional(),
  first: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(200).optional(),
});

export const setUserDisabledSchema = z.object({ disabled: z.boolean() });
