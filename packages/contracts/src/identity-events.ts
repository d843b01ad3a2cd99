import { z } from 'zod';
import { defineEvent, TOPIC_PREFIX } from './registry';

export const ROLE = z.enum(['ENTERPRISE', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER', 'FINANCE_CENTER']);
export const INSTITUTION_KIND = z.enum(['BANK', 'GUARANTOR', 'FUND']);

export const TOPICS = {
  user: `${TOPIC_PREFIX}.user`,
  institution: `${TOPIC_PREFIX}.institution`,
  enterprise: `${TOPIC_PREFIX}.enterprise`,
} as const;

export const userCreated = defineEvent(
  'user.created',
  TOPICS.user,
  z.object({ userId: z.string(), email: z.string(), role: ROLE, orgId: z.string().nullable() }),
);

export const institutionCreated = defineEvent(
  'institution.created',
  TOPICS.institution,
  z.object({ institutionId: z.string(), kind: INSTITUTION_KIND, name: z.string() }),
);

/** An enterprise signed up (企业注册); the enterprise service builds its profile from this. */
export const enterpriseRegistered = defineEvent(
  'enterprise.registered',
  TOPICS.enterprise,
  z.object({
    enterpriseId: z.string(),
    userId: z.string(),
    name: z.string(),
    uscc: z.string().length(18),
    industry: z.string(),
    town: z.string(),
  }),
);

export type EnterpriseRegistered = z.infer<typeof enterpriseRegistered.schema>;
export type InstitutionCreated = z.infer<typeof institutionCreated.schema>;
