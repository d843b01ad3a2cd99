// Small helpers for the launcher. Plain Node, no dependencies: this runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_DIR = process.env.YINQI_DATA_DIR ? path.resolve(process.env.YINQI_DATA_DIR) : path.join(ROOT, '.data');
export const CACHE_DIR = path.join(ROOT, 'infra/.cache');
export const LOG_DIR = path.join(DATA_DIR, 'logs');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7);

/** One line of progress. */
export function step(message) {
  process.stdout.write(`[yinqi ${elapsed()}] ${message}\n`);
}

export class LaunchError extends Error {}

/** Runs a command with its output shown; throws a LaunchError naming it when it fails. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (res.error) throw new LaunchError(`${cmd} could not run: ${res.error.message}`);
  if (res.status !== 0) throw new LaunchError(`${cmd} ${args.join(' ')} failed with exit code ${res.status}`);
}

/**
 * Runs a set-up command (Maven, Go, apt-get) with its output going to `.data/logs/<logName>.log`
 * instead of the terminal: the caller prints one progress line per step. On failure, the last
 * lines of that log are shown with its path.
 */
export function runLogged(logName, cmd, args, opts = {}) {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = path.join(LOG_DIR, `${logName}.log`);
  const fd = openSync(file, 'a');
  let res;
  try {
    res = spawnSync(cmd, args, { cwd: ROOT, ...opts, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (res.error) throw new LaunchError(`${cmd} could not run: ${res.error.message}`);
  if (res.status !== 0) {
    const tail = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
    throw new LaunchError(
      `${cmd} ${args.join(' ')} failed with exit code ${res.status}; its last lines (all of them in ${path.relative(ROOT, file)}):\n${tail}`,
    );
  }
}

/** Whether `cmd` is on the PATH. */
export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Fails with one clear sentence when a required tool is missing. */
export function requireTool(cmd, why) {
  if (!has(cmd))
    throw new LaunchError(
      `${cmd} is not installed, and it is needed ${why}; install it (see README "Troubleshooting") or set the variable that points at an existing server.`,
    );
}

export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/**
 * Whether a server already answers on `port`, to be reused: false when the port is free; true when
 * `probe(timeoutMs)` says it is ours; a LaunchError saying `refusal` when something else holds it.
 * A busy machine can make a healthy server miss one short probe, so it gets a few tries.
 */
export async function alreadyServing(port, probe, refusal) {
  if (!(await portOpen(port))) return false;
  let ready = false;
  for (let attempt = 0; attempt < 5 && !ready; attempt++) ready = await probe(2000 * (attempt + 1));
  if (!ready) throw new LaunchError(refusal);
  return true;
}

/** Polls `check` until it returns truthy or the time is up. */
export async function waitUntil(what, check, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new LaunchError(`${what} was not ready within ${Math.round(timeoutMs / 1000)}s${lastErr ? `: ${lastErr.message}` : ''}`);
}

/** Starts a long-running child whose output goes to a log file. */
export function startProcess(name, cmd, args, { env = {}, logFile, cwd = ROOT } = {}) {
  const out = logFile;
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  // The child has its own copy of the log file's descriptor now (restarts open a new one each).
  if (typeof out === 'number') closeSync(out);
  child.processName = name;
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. A supervised one is not restarted. */
export function stopProcess(child, graceMs = 15_000) {
  if (child && typeof child.stop === 'function') return child.stop(graceMs);
  return terminate(child, graceMs);
}

/** SIGTERM, then SIGKILL after `graceMs`, to a bare ChildProcess; resolves at once when there is none or it has exited. */
export function terminate(child, graceMs) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
