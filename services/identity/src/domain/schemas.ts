import { z } from 'zod';
import { API_SCOPES, type ApiScope } from '@yinqi/auth';
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

export const createApiClientSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  scopes: z
    .array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]]))
    .min(1, 'at least one scope')
    .max(API_SCOPES.length),
});
export type CreateApiClientInput = z.infer<typeof createApiClientSchema>;
export const setApiClientDisabledSchema = z.object({ disabled: z.boolean() });
export const clientTokenSchema = z.object({
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  /** Absent: every scope of the client. */
  scopes: z.array(z.string().max(50)).max(20).optional(),
});
export type ClientTokenInput = z.infer<typeof clientTokenSchema>;
