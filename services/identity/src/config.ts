import { z } from 'zod';
import { loadConfig } from '@yinqi/config';

/** The first finance-centre account; local defaults only outside production (README). */
const adminEnv = z
  .object({
    NODE_ENV: z.string().default('development'),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10).max(128).optional(),
  })
  .transform((e, ctx) => {
    if (e.NODE_ENV === 'production' && (!e.ADMIN_EMAIL || !e.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ADMIN_EMAIL'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD are required when NODE_ENV=production',
      });
    }
    return { email: e.ADMIN_EMAIL ?? 'admin@yinqi.local', password: e.ADMIN_PASSWORD ?? 'yinqi-admin-2026' };
  });

/** Settings of identity beyond what every service shares (service-kit). */
export interface IdentityConfig {
  admin: { email: string; password: string };
}

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  return { admin: loadConfig(adminEnv, env) };
}
