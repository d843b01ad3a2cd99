import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import type { Logger } from '@yinqi/logger';

export interface Closable {
  name: string;
  close: () => Promise<unknown>;
}

/** Starts the HTTP server and tracks sockets so shutdown can close idle keep-alive ones. */
export async function listen(app: Express, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = app.listen(port, host);
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  (server as Server & { sockets?: Set<Socket> }).sockets = sockets;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

/** Stops accepting connections and waits for in-flight requests to finish (closing idle sockets). */
export async function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}

/**
 * One process handler (CONVENTIONS.md): on SIGTERM/SIGINT close, in order, HTTP, then
 * consumers, then the relay and producer, then the database; on an unhandled rejection log
 * and exit non-zero.
 */
export function handleShutdown(logger: Logger, steps: Closable[]): { shutdown: (reason: string) => Promise<void> } {
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'shutting down');
      for (const step of steps) {
        try {
          await step.close();
          logger.info({ step: step.name }, 'closed');
        } catch (err) {
          logger.error({ step: step.name, err: (err as Error).message }, 'close failed');
        }
      }
      logger.info('shutdown complete');
      logger.flush?.();
    })();
    return shuttingDown;
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      void shutdown(sig).then(() => process.exit(0));
    });
  }
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    void shutdown('unhandledRejection').then(() => process.exit(1));
  });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  return { shutdown };
}
