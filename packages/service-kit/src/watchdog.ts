/**
 * Ends a process whose vital connection (the database, its Kafka consumers) stays down. Seen under
 * `npm run chaos`: after FerretDB was killed (-9) and restarted, two of eight services' MongoDB drivers never reconnected (every query a
 * server-selection error "connection N … closed", /healthz `database: false`) for minutes, while the
 * others recovered in seconds — a process that looks alive and does nothing. Crash-only: after
 * `lostAfterMs` without a connection, `onLost` (exit 1) lets the supervisor (docker-compose
 * `restart: unless-stopped`, the chaos driver) start a fresh process, which connects anew.
 */
export function downtimeWatchdog(opts: {
  isUp: () => boolean;
  lostAfterMs: number;
  intervalMs?: number;
  onLost: (downMs: number) => void;
  now?: () => number;
}): { stop: () => void } {
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

/**
 * Ends a process whose start does not finish in time. Seen once under CI's chaos run: a loan service
 * restarted while FerretDB and Kafka were killed and restarted never answered /healthz again (no
 * exit, so no supervisor restarted it). Every start step has its own retries; this bounds their sum.
 * `step(name)` records where the start is, so the fatal line says what hung; `done()` disarms it.
 */
export function startupDeadline(opts: { deadlineMs: number; onMissed: (step: string, ms: number) => void }): {
  step: (name: string) => void;
  done: () => void;
} {
  const t0 = Date.now();
  let current = 'configuration';
  const timer = setTimeout(() => opts.onMissed(current, Date.now() - t0), opts.deadlineMs);
  timer.unref();
  return {
    step: (name) => {
      current = name;
    },
    done: () => clearTimeout(timer),
  };
}
