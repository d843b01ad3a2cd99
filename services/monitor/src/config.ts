import { loadConfig, z } from '@yinqi/config';

/** Settings of the monitor beyond what every service shares (service-kit). */
export const monitorEnvSchema = z.object({
  /** A JSON file of plan targets replacing the defaults (src/domain/plan-targets.default.json). */
  MONITOR_PLAN_TARGETS_FILE: z.string().min(1).optional(),
  /** Longest a rebuild may take before POST /admin/rebuild gives up waiting. */
  MONITOR_REBUILD_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(600_000),
});
export type MonitorConfig = z.infer<typeof monitorEnvSchema>;

export const loadMonitorConfig = (env: NodeJS.ProcessEnv = process.env): MonitorConfig => loadConfig(monitorEnvSchema, env);
