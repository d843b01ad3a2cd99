/**
 * Ends a process whose database connection stays down. Seen under `npm run chaos`: after FerretDB was
 * killed (-9) and restarted, two of eight services' MongoDB drivers never reconnected (every query a
 * server-selection error "connection N … closed", /healthz `database: false`) for minutes, while the
 * others recovered in seconds — a process that looks alive and does nothing. Crash-only: after
 * `lostAfterMs` without a connection, `onLost` (exit 1) lets the supervisor (docker-compose
 * `restart: unless-stopped`, the chaos driver) start a fresh process, which connects anew.
 */
export function databaseWatchdog(opts: { isUp: () => boolean; lostAfterMs: number; intervalMs?: number; onLost: (downMs: number) => void; now?: () => number }): { stop: () => void } {
  const now = opts.now ?? Date.now;
  let downSince: number | null = null;
  let fired = false;
  const timer = setInterval(() => {
    if (opts.isUp()) {
      downSince = null;
      return;
    }
    downSince ??= now();
    if (!fired && now() - downSince >= opts.lostAfterMs) {
      fired = true;
      opts.onLost(now() - downSince);
    }
  }, opts.intervalMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
