import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOG_DIR, LaunchError, ROOT, run, step } from './util.mjs';

/** Runs `npm ci` when node_modules is missing or was installed from another package-lock.json. */
export function ensureNodeModules() {
  const lock = path.join(ROOT, 'package-lock.json');
  if (!existsSync(lock)) throw new LaunchError('package-lock.json is missing: run `npm install` once and commit the lock file.');
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const marker = path.join(ROOT, 'node_modules/.yinqi-lock-hash');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) {
    step('npm packages: up to date');
    return;
  }
  step('npm packages: installing (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(marker, hash);
  step('npm packages: installed');
}

/** Compiles every workspace with TypeScript project references (incremental). */
export function build(services) {
  // With YINQI_ONLY_SERVICES, build only those services (and what they reference), the gateway and the test fixtures.
  const projects = process.env.YINQI_ONLY_SERVICES ? [...services.map((s) => `services/${s.name}`), 'gateway', 'tests'] : [];
  step(`build: tsc -b ${projects.join(' ')}`);
  run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', ...projects]);
  step('build: done');
  buildWeb();
}

const WEB = path.join(ROOT, 'web');
/** Newest modification time under the web console's sources (src/, index.html, configs). */
function newestWebSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'index.html', 'vite.config.ts', 'package.json']) visit(path.join(WEB, p));
  return newest;
}

/**
 * Builds the web console (web/dist, served by the gateway at `/`) with Vite, only when its sources
 * are newer than the last build. A lock directory keeps concurrent launchers from building at once.
 */
export function buildWeb() {
  if (!existsSync(path.join(WEB, 'package.json'))) return;
  const stamp = path.join(WEB, 'dist/index.html');
  const fresh = () => existsSync(stamp) && statSync(stamp).mtimeMs >= newestWebSource();
  if (fresh()) {
    step('web console: up to date');
    return;
  }
  const lock = path.join(WEB, '.build-lock');
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another launcher is building (or died building: a lock older than 10 minutes is stale).
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new LaunchError('web console: another build holds web/.build-lock for too long; remove it and retry');
      spawnSync('sleep', ['2']);
    }
  }
  try {
    if (fresh()) {
      step('web console: built by another launcher');
      return;
    }
    step('web console: vite build…');
    const t0 = Date.now();
    run(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: WEB });
    step(`web console: built in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The browser tests drive Debian's Chromium: installed with apt when missing (we run as root). */
export function ensureChromium() {
  // A CJK font too: without one the console's Chinese renders as boxes in the screenshots.
  const font = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
  if (existsSync('/usr/bin/chromium') && existsSync(font)) return;
  step(
    'chromium: missing, installing chromium and fonts-wqy-zenhei with apt-get (for the browser tests; output in .data/logs/setup-chromium-apt.log)…',
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mkdirSync(LOG_DIR, { recursive: true });
  const log = openSync(path.join(LOG_DIR, 'setup-chromium-apt.log'), 'a');
  const stdio = ['ignore', log, log];
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio, env });
  const install =
    update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-zenhei'], { stdio, env }) : update;
  closeSync(log);
  if (install.error || install.status !== 0 || !existsSync('/usr/bin/chromium'))
    throw new LaunchError(
      `chromium could not be installed (apt-get ${install.error ? install.error.message : `exit ${install.status}`}, see .data/logs/setup-chromium-apt.log); the browser tests (tests/web) need /usr/bin/chromium: run \`apt-get update && apt-get install -y chromium fonts-wqy-zenhei\` as root`,
    );
  step('chromium: installed');
}
