import type { Logger } from '@yinqi/logger';

/**
 * Runs `pass` every `intervalMs`, never two at once; a failed pass is logged and the next one
 * tries again. `stop` waits for the pass in flight so shutdown leaves nothing half-written.
 */
export function startSweep(pass: () => Promise<unknown>, intervalMs: number, logger: Logger) {
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    timer = undefined;
    running = pass()
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err: (err as Error).message }, 'guarantee expiry sweep failed; retrying next interval'),
      )
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
