// Keeps the launcher's long-running children alive, as compose's `restart: unless-stopped` would:
// a service, the gateway, Kafka or FerretDB that dies after it came up is started again, after
// a delay that doubles with each quick failure, and the launcher says so in one line.
import { LaunchError, step, terminate, waitUntil } from './util.mjs';

/** Restart delays: 1 s, 2 s, 4 s … capped at 30 s; a process that stayed up `stableMs` starts over at 1 s. */
export const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/** The delay before restart number `failures` (1-based) of a run of quick failures. */
export function restartDelay(failures, { initialMs, maxMs } = DEFAULT_BACKOFF) {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
}

let shuttingDown = false;
/**
 * Called first thing on Ctrl-C/SIGTERM: the terminal's SIGINT reaches the children too, and an exit
 * seen from then on is the shutdown, not a crash.
 */
export function stopSupervising() {
  shuttingDown = true;
}

/** 0.4s, 12s, 4m58s */
function seconds(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.floor((ms % 60_000) / 1000)}s`;
}

/**
 * One supervised process. `spawn()` starts it and returns the ChildProcess (called again for
 * every restart). Restarts begin once `watch()` is called, i.e. after the process first came up:
 * one that cannot start at all fails the launch instead of looping.
 */
export class Supervised {
  constructor(processName, spawn, { backoff = DEFAULT_BACKOFF, say = step, logHint } = {}) {
    this.processName = processName;
    this.spawnChild = spawn;
    this.backoff = { ...DEFAULT_BACKOFF, ...backoff };
    this.say = say;
    this.logHint = logHint;
    this.restarts = 0;
    this.failures = 0;
    this.stopped = false;
    this.watching = false;
    this.timer = null;
    this.child = null;
  }

  get pid() {
    return this.child?.pid;
  }

  /** Starts the process (the first time, or again). */
  start() {
    const child = this.spawnChild();
    this.child = child;
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    return child;
  }

  /** From now on, an exit that nobody asked for restarts the process. */
  watch() {
    this.watching = true;
    return this;
  }

  onExit(child, code, signal) {
    if (child !== this.child) return;
    // Deferred a moment: a Ctrl-C reaches the children and the launcher at once, and the
    // launcher's handler (stopSupervising) may run just after this exit event.
    setTimeout(() => {
      if (this.stopped || shuttingDown || !this.watching || child !== this.child) return;
      const upMs = Date.now() - this.startedAt;
      this.failures = upMs >= this.backoff.stableMs ? 1 : this.failures + 1;
      this.restarts += 1;
      const delay = restartDelay(this.failures, this.backoff);
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      this.say(
        `${this.processName} ${how} after ${seconds(upMs)} (pid ${child.pid}): restarting in ${seconds(delay)}, restart #${this.restarts}${this.logHint ? ` (log: ${this.logHint})` : ''}`,
      );
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.stopped || shuttingDown) return;
        try {
          this.start();
        } catch (err) {
          this.say(`${this.processName}: restart failed: ${err.message}`);
        }
      }, delay);
    }, 200);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; no restart afterwards. Resolves when it has exited. */
  stop(graceMs = 15_000) {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    return terminate(this.child, graceMs);
  }

  /**
   * Waits (polling every `intervalMs`) until `ready()` answers for the process just started. Once
   * it has exited, every poll fails with `exitMessage`, which the timeout's error then carries.
   */
  async waitReady(what, { ready, exitMessage, timeoutMs, intervalMs }) {
    let exited = false;
    this.child.once('exit', () => (exited = true));
    await waitUntil(
      what,
      async () => {
        if (exited) throw new LaunchError(exitMessage);
        return ready();
      },
      timeoutMs,
      intervalMs,
    );
  }
}
