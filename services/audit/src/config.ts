import { loadConfig, resolveDevSecret, z } from '@yinqi/config';

/** Settings of the audit service beyond what every service shares (service-kit). */
export const auditEnvSchema = z.object({
  /** Entries linked and inserted in one write when appends queue up (group commit). */
  AUDIT_MAX_BATCH: z.coerce.number().int().min(1).max(50).default(50),
});

export interface AuditConfig {
  maxBatch: number;
  /** AUDIT_INGEST_KEY: the secret a recorder (the gateway) sends to append; required in production. */
  ingestKey: string;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const raw = loadConfig(auditEnvSchema, env);
  return { maxBatch: raw.AUDIT_MAX_BATCH, ingestKey: resolveDevSecret(env, 'AUDIT_INGEST_KEY', 'dev-audit-ingest-key') };
}
