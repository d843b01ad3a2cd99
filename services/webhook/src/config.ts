import { loadConfig, z } from '@yinqi/config';
import { CONTRACT_SCHEDULE, type RetrySchedule } from './domain/retry-schedule';

/** Only for local runs and tests: production refuses to start without WEBHOOK_SECRET_KEY. */
const DEV_SECRET_KEY = 'yinqi-dev-webhook-secret-key-not-for-production';

/** Settings of the webhook service beyond what every service shares (service-kit). */
export const webhookEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Seals signing secrets at rest (AES-256-GCM under its SHA-256); at least 32 characters. */
  WEBHOOK_SECRET_KEY: z.string().min(32).optional(),
  /**
   * `production` (https, public addresses only) or `development` (also http and the literal
   * 127.0.0.1). Defaults to production when NODE_ENV is production; a test stack may set
   * `production` to prove the rules end to end.
   */
  WEBHOOK_URL_POLICY: z.enum(['production', 'development']).optional(),
  // The contract's numbers are the defaults; tests shorten them so a retry takes ms, not minutes.
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(CONTRACT_SCHEDULE.baseMs),
  WEBHOOK_RETRY_CAP_MS: z.coerce.number().int().min(10).default(CONTRACT_SCHEDULE.capMs),
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(1_000).default(CONTRACT_SCHEDULE.windowMs),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(CONTRACT_SCHEDULE.timeoutMs),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
});

export interface WebhookConfig {
  secretKey: string;
  production: boolean;
  schedule: RetrySchedule;
  pollMs: number;
  concurrency: number;
}

export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const raw = loadConfig(webhookEnvSchema, env);
  const prod = raw.NODE_ENV === 'production';
  if (prod && !raw.WEBHOOK_SECRET_KEY)
    throw new Error("WEBHOOK_SECRET_KEY: required when NODE_ENV=production (it seals the webhooks' signing secrets)");
  if (prod && raw.WEBHOOK_URL_POLICY === 'development')
    throw new Error('WEBHOOK_URL_POLICY: development is not allowed when NODE_ENV=production');
  return {
    secretKey: raw.WEBHOOK_SECRET_KEY ?? DEV_SECRET_KEY,
    production: (raw.WEBHOOK_URL_POLICY ?? (prod ? 'production' : 'development')) === 'production',
    schedule: {
      baseMs: raw.WEBHOOK_RETRY_BASE_MS,
      capMs: raw.WEBHOOK_RETRY_CAP_MS,
      windowMs: raw.WEBHOOK_RETRY_WINDOW_MS,
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
    },
    pollMs: raw.WEBHOOK_POLL_MS,
    concurrency: raw.WEBHOOK_CONCURRENCY,
  };
}
