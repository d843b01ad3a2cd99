import { z } from 'zod';

/**
 * Reads a typed, validated config object from the environment. A missing or bad value stops
 * the service with one message that names the variable.
 */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- a generic ZodTypeAny parses to `any`; the signature gives the caller z.infer<S>
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Settings every service shares; a service extends this with its own. */
export const baseServiceEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL')
    .default('mongodb://127.0.0.1:27017/'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  JWT_ISSUER: z.string().min(1).default('yinqi-identity'),
  JWT_AUDIENCE: z.string().min(1).default('yinqi'),
};

export { z, port };
export { resolveDevSecret } from './dev-secret';
