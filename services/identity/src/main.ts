import { z } from 'zod';
import { loadConfig } from '@yinqi/config';
import { runService } from '@yinqi/service-kit';
import { identityRoutes } from './api/routes';
import { identityModels } from './data/models';
import { identityRepository } from './data/repository';
import { accountUseCases } from './domain/accounts';

/** The first finance-centre account; local defaults only outside production (README). */
const adminEnv = z
  .object({
    NODE_ENV: z.string().default('development'),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10).max(128).optional(),
  })
  .transform((e, ctx) => {
    if (e.NODE_ENV === 'production' && (!e.ADMIN_EMAIL || !e.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ADMIN_EMAIL'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD are required when NODE_ENV=production' });
    }
    return { email: e.ADMIN_EMAIL ?? 'admin@yinqi.local', password: e.ADMIN_PASSWORD ?? 'yinqi-admin-2026' };
  });

async function main() {
  const admin = loadConfig(adminEnv);
  await runService('identity', async (ctx) => {
    const models = identityModels(ctx.db);
    await Promise.all([models.User.init(), models.Institution.init()]);
    const accounts = accountUseCases({ repo: identityRepository(models), tokens: ctx.tokens, published: ctx.kickRelay });
    const created = await accounts.ensureAdmin(admin.email, admin.password);
    ctx.logger.info({ email: admin.email, created }, 'finance centre admin account');
    return {
      routes: identityRoutes(accounts, ctx.config.MAX_SESSION_SECONDS),
      outboxCollections: ['users', 'institutions'],
    };
  });
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(`identity failed to start: ${(err as Error).message}`);
  process.exit(1);
});
