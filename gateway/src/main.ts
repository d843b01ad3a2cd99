import { createTokenVerifier, resolveVerificationKeys, SessionRevocations } from '@yinqi/auth';
import { createLogger } from '@yinqi/logger';
import { loadGatewayConfig } from './config';
import { createGateway } from './server';

async function main() {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // Public keys only: the gateway can verify tokens, never sign one.
  const keys = resolveVerificationKeys();
  const revocations = new SessionRevocations();
  const tokens = createTokenVerifier({ issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }, keys, revocations);
  const gateway = createGateway(config, { tokens, keys, revocations }, logger);
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
      void gateway.stop().finally(() => process.exit(0));
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
  // eslint-disable-next-line no-console
  console.error(`gateway failed to start: ${(err as Error).message}`);
  process.exit(1);
});
