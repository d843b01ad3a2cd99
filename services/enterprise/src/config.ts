import { loadConfig, z } from '@yinqi/config';

/** Settings of the enterprise service beyond what every service shares (service-kit). */
export const enterpriseEnvSchema = z.object({
  /** How long a request waits for its own enterprise profile right after sign-up (enterprise.registered in flight). */
  ENTERPRISE_PROFILE_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(5_000),
});
export type EnterpriseConfig = z.infer<typeof enterpriseEnvSchema>;

export const loadEnterpriseConfig = (env: NodeJS.ProcessEnv = process.env): EnterpriseConfig => loadConfig(enterpriseEnvSchema, env);
