import { isIP } from 'node:net';
import { baseServiceEnv, loadConfig, port, z } from '@yinqi/config';

/** One service URL, or several replicas' URLs separated by commas (calls go round-robin). */
const url = z.string().refine((v) => v.split(',').every((u) => z.string().url().safeParse(u.trim()).success), {
  message: 'a URL, or URLs separated by commas',
});

export const gatewayEnvSchema = z.object({
  NODE_ENV: baseServiceEnv.NODE_ENV,
  LOG_LEVEL: baseServiceEnv.LOG_LEVEL,
  JWT_ISSUER: baseServiceEnv.JWT_ISSUER,
  JWT_AUDIENCE: baseServiceEnv.JWT_AUDIENCE,
  KAFKA_BROKERS: baseServiceEnv.KAFKA_BROKERS,
  /** The gateway's own small database: Idempotency-Key records only (idempotency.ts), no business data. */
  MONGO_URL: baseServiceEnv.MONGO_URL,
  YINQI_DB_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/i)
    .default('yinqi'),
  GATEWAY_PORT: port(4000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  // A domain is served when every service it needs has a URL (the launcher sets those it starts).
  IDENTITY_URL: url.default('http://127.0.0.1:4011'),
  ENTERPRISE_URL: url.optional(),
  PRODUCT_URL: url.optional(),
  MATCHING_URL: url.optional(),
  GUARANTEE_URL: url.optional(),
  LOAN_URL: url.optional(),
  CAPITAL_URL: url.optional(),
  MONITOR_URL: url.optional(),
  /**
   * Addresses of reverse proxies / load balancers in front of the gateway, comma-separated: only a
   * connection from one of them may name the caller in X-Forwarded-For (login throttling per address).
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((s) => isIP(s) !== 0),
      { message: 'IP addresses separated by commas' },
    )
    .transform(
      (v) =>
        new Set(
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
    ),
  /** The audit trail (services/audit); when set, the gateway records audited mutations there (audit-trail.ts). */
  AUDIT_URL: url.optional(),
  /** How long one audit append may take, retries included, before the entry is spooled (audit-recorder.ts). */
  AUDIT_RECORD_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
  /** Entries held in memory while the audit service is unreachable; audited mutations are refused meanwhile. */
  AUDIT_SPOOL_MAX: z.coerce.number().int().min(1).default(10_000),
  WEBHOOK_URL: url.optional(),
  /** Per-call timeout towards a service. */
  SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  MAX_ALIASES: z.coerce.number().int().min(1).default(15),
  MAX_TOKENS: z.coerce.number().int().min(100).default(2_000),
  MAX_COST: z.coerce.number().int().min(100).default(5_000),
  MAX_BATCH: z.coerce.number().int().min(1).default(10),
  /** How long a cached answer to a common read may be served (response-cache.ts); 0 turns the cache off. */
  GATEWAY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Upper bound of all cached answers together (their JSON size). */
  GATEWAY_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(32 * 1024 * 1024),
});
export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(gatewayEnvSchema, env);
