import { loadConfig, z } from '@yinqi/config';

/** Settings of the guarantee service beyond what every service shares (service-kit). */
export const guaranteeEnvSchema = z.object({
  /** An OPEN request with no selected quote closes after this long (政银担 requests must not linger). */
  GUARANTEE_REQUEST_TTL_HOURS: z.coerce
    .number()
    .gt(0)
    .max(24 * 365)
    .default(168),
  /** How often the expiry sweep runs; FerretDB has no TTL indexes, so expiry is our own job. */
  GUARANTEE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
});
export type GuaranteeConfig = z.infer<typeof guaranteeEnvSchema>;

export const loadGuaranteeConfig = (env: NodeJS.ProcessEnv = process.env): GuaranteeConfig => loadConfig(guaranteeEnvSchema, env);
