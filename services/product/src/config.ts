import { loadConfig, z } from '@yinqi/config';

/** Settings of the product service beyond what every service shares (service-kit). */
export const productEnvSchema = z.object({
  /**
   * How long a catalogue page may be served from this process's memory; 0 (the default) turns the
   * cache off. It was a crutch for a store that scanned the collection on every list
   * (docs/PERFORMANCE.md); the store now answers a page from its indexes, and with several product
   * replicas a per-process cache would show a caller's own publish only after the TTL when the next
   * read reaches another replica. The gateway's answer cache (gateway/src/response-cache.ts) serves
   * repeated reads, dropped by the product events. A single-replica deployment may still turn this on.
   */
  CATALOGUE_CACHE_MS: z.coerce.number().int().min(0).default(0),
});
export type ProductConfig = z.infer<typeof productEnvSchema>;

export const loadProductConfig = (env: NodeJS.ProcessEnv = process.env): ProductConfig => loadConfig(productEnvSchema, env);
