import { createTokenVerifier, resolveVerificationKeys, SessionRevocations } from '@yinqi/auth';
import { connectDatabase } from '@yinqi/db';
import { createLogger } from '@yinqi/logger';
import { loadGatewayConfig } from './config';
import { IdempotencyStore, type IdempotencyCollection } from './idempotency';
import { createGateway } from './server';

async function main() {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // Public keys only: the gateway can verify tokens, never sign one.
  const keys = resolveVerificationKeys();
  const revocations = new SessionRevocations();
  const tokens = createTokenVerifier({ issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }, keys, revocations);
  // Idempotency-Key records live in the store so every gateway replica sees the same ones.
  const db = await connectDatabase({ url: config.MONGO_URL, dbName: `${config.YINQI_DB_PREFIX}_gateway`, logger });
  const idempotencyKeys = db.db!.collection('idempotency_keys');
  // MongoDB removes records past expiresAt itself; a store without TTL indexes keeps them, and the
  // store treats an expired record as absent either way.
  await idempotencyKeys
    .createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
    .catch((err: Error) => logger.warn({ err: err.message }, 'no TTL index for idempotency keys; expired ones are replaced when reused'));
  const idempotency = new IdempotencyStore(() => idempotencyKeys as unknown as IdempotencyCollection);
  const gateway = createGateway(config, { tokens, keys, revocations }, logger, idempotency);
  const { server } = gateway;
  await gateway.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, resolve);
  });
  logger.info({ port: config.GATEWAY_PORT }, 'gateway listening');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'gateway shutting down');
    server.close(() => {
      void gateway
        .stop()
        .then(() => db.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled rejection');
    process.exit(1);
  });
}

main().catch((err) => {
  console.error(`gateway failed to start: ${(err as Error).message}`);
  process.exit(1);
});
