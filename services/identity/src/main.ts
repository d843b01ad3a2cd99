import { z } from 'zod';
import { loadConfig } from '@yinqi/config';
import { runService } from '@yinqi/service-kit';
import { identityRoutes, PASSWORD_CHANGE_PATHS } from './api/routes';
import { loginThrottleStore } from './data/login-throttle';
import { identityModels } from './data/models';
import { identityRepository } from './data/repository';
import { accountAdminUseCases } from './domain/account-admin';
import { accountUseCases } from './domain/accounts';
import { apiClientUseCases } from './domain/api-clients';
import { sessionUseCases } from './domain/sessions';

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

async function main() {
  const admin = loadConfig(adminEnv);
  await runService(
    'identity',
    async (ctx) => {
      const models = identityModels(ctx.db);
      await Promise.all([
        models.User.init(),
        models.Institution.init(),
        models.Session.init(),
        models.LoginThrottle.init(),
        models.ApiClient.init(),
      ]);
      const repo = identityRepository(models);
      const throttle = loginThrottleStore(models, () => new Date());
      const sessions = sessionUseCases({
        repo,
        throttle,
        tokens: ctx.tokenIssuer!,
        published: ctx.kickRelay,
        ttlSeconds: ctx.config.ACCESS_TOKEN_TTL_SECONDS,
        maxSessionSeconds: ctx.config.MAX_SESSION_SECONDS,
      });
      const accounts = accountUseCases({ repo, sessions, throttle, published: ctx.kickRelay });
      const created = await accounts.ensureAdmin(admin.email, admin.password);
      ctx.logger.info({ email: admin.email, created }, 'finance centre admin account');
      // Counters of random emails would otherwise stay forever (the guessing run makes thousands).
      const sweeper = setInterval(
        () => void throttle.sweep().catch((err) => ctx.logger.warn({ err }, 'login throttle sweep failed')),
        5 * 60_000,
      );
      sweeper.unref();
      return {
        routes: identityRoutes(
          accounts,
          sessions,
          accountAdminUseCases({ repo, sessions, throttle }),
          apiClientUseCases({ repo, sessions, throttle, tokens: ctx.tokenIssuer!, ttlSeconds: ctx.config.ACCESS_TOKEN_TTL_SECONDS }),
        ),
        outboxCollections: ['users', 'institutions', 'sessions'],
        passwordChangeAllowed: PASSWORD_CHANGE_PATHS,
        closables: [{ name: 'throttle-sweeper', close: async () => clearInterval(sweeper) }],
      };
    },
    { signsTokens: true },
  );
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(`identity failed to start: ${(err as Error).message}`);
  process.exit(1);
});
