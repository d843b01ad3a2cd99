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

/**
 * Sessions (登录会话) travel on their own topic, keyed by session id: every process reads it
 * whole at start (in a group of its own) to know which sessions were ended, so a process started
 * after a logout still refuses that session's tokens.
 */
export const SESSION_TOPIC = `${TOPIC_PREFIX}.session`;

/**
 * A session ended before its tokens expired: logout, a password change (the user's other
 * sessions), a reset, a disabled account. `until` is when the last token the session could
 * have produced expires; after that no process needs to remember it.
 */
export const sessionEnded = defineEvent(
  'session.ended',
  SESSION_TOPIC,
  z.object({
    sessionId: z.string().min(1),
    userId: z.string().min(1),
    // CLIENT_*: an API client's session (one per secret) ends when it is disabled or its secret rotated.
    reason: z.enum(['LOGOUT', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'USER_DISABLED', 'CLIENT_DISABLED', 'CLIENT_SECRET_ROTATED']),
    until: z.string().datetime(),
  }),
);
export type SessionEnded = z.infer<typeof sessionEnded.schema>;
