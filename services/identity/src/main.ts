import { runService } from '@yinqi/service-kit';
import { loadIdentityConfig } from './config';
import { identityRoutes, PASSWORD_CHANGE_PATHS } from './api/routes';
import { loginThrottleStore } from './data/login-throttle';
import { identityModels } from './data/models';
import { identityRepository } from './data/repository';
import type { IdentityDeps } from './domain/deps';
import { ensureAdmin } from './domain/ensure-admin';

async function main() {
  const { admin } = loadIdentityConfig();
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
      const deps: IdentityDeps = {
        repo,
        throttle,
        tokens: ctx.tokenIssuer!,
        published: ctx.kickRelay,
        ttlSeconds: ctx.config.ACCESS_TOKEN_TTL_SECONDS,
        maxSessionSeconds: ctx.config.MAX_SESSION_SECONDS,
        now: () => new Date(),
      };
      const created = await ensureAdmin(deps, admin.email, admin.password);
      ctx.logger.info({ email: admin.email, created }, 'finance centre admin account');
      // Counters of random emails would otherwise stay forever (the guessing run makes thousands).
      const sweeper = setInterval(
        () => void throttle.sweep().catch((err: unknown) => ctx.logger.warn({ err }, 'login throttle sweep failed')),
        5 * 60_000,
      );
      sweeper.unref();
      return {
        routes: identityRoutes(deps),
        outboxCollections: ['users', 'institutions', 'sessions'],
        passwordChangeAllowed: PASSWORD_CHANGE_PATHS,
        closables: [{ name: 'throttle-sweeper', close: async () => clearInterval(sweeper) }],
      };
    },
    { signsTokens: true },
  );
}

main().catch((err) => {
  console.error(`identity failed to start: ${(err as Error).message}`);
  process.exit(1);
});
