// Starts the services and the gateway as child processes, each with its log file.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Supervised } from './supervisor.mjs';
import { DATA_DIR, LOG_DIR, LaunchError, ROOT, portOpen, startProcess, step, stopProcess, waitUntil } from './util.mjs';

/** Every service, its port offset from SERVICE_PORT_BASE. Only those present in the tree start. */
export const SERVICES = [
  { name: 'identity', offset: 1 },
  { name: 'enterprise', offset: 2 },
  { name: 'product', offset: 3 },
  { name: 'matching', offset: 4 },
  { name: 'guarantee', offset: 5 },
  { name: 'loan', offset: 6 },
  { name: 'monitor', offset: 7 },
  { name: 'capital', offset: 8 },
]
  .filter((s) => existsSync(path.join(ROOT, 'services', s.name, 'package.json')))
  // YINQI_ONLY_SERVICES=identity,product starts a subset (the gateway then serves only the
  // domains whose services run): handy while one service is being built.
  .filter((s) => !process.env.YINQI_ONLY_SERVICES || process.env.YINQI_ONLY_SERVICES.split(',').includes(s.name));

/** The dev JWT secret shared by every local process (generated once, git-ignored). */
export function devJwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(DATA_DIR, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Environment shared by every service and the gateway of one stack. */
export function stackEnv({ mongoUrl, brokers, namespace, gatewayPort, servicePortBase, nodeEnv }) {
  const env = {
    NODE_ENV: nodeEnv,
    MONGO_URL: mongoUrl,
    KAFKA_BROKERS: brokers.join(','),
    JWT_SECRET: devJwtSecret(),
    YINQI_DATA_DIR: DATA_DIR,
    YINQI_DB_PREFIX: namespace.dbPrefix,
    YINQI_TOPIC_PREFIX: namespace.topicPrefix,
    ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? 'admin@yinqi.local',
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    GATEWAY_PORT: String(gatewayPort),
  };
  for (const s of SERVICES) env[`${s.name.toUpperCase()}_URL`] = `http://127.0.0.1:${servicePortBase + s.offset}`;
  return env;
}

async function healthy(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Node flags of one unit. YINQI_CPU_PROF=gateway,identity (or `all`) adds `--cpu-prof` for those
 * units: each writes a .cpuprofile into .data/profiles/ when it stops (the benchmarks use it to
 * find where a request's time goes; open it in Chrome DevTools or `npx speedscope`).
 */
export function nodeFlags(name) {
  const flags = ['--enable-source-maps'];
  const prof = (process.env.YINQI_CPU_PROF ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (prof.includes(name) || prof.includes('all')) {
    const dir = path.join(DATA_DIR, 'profiles');
    mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`);
  }
  return flags;
}

/** How long a unit may take to answer /healthz at start: YINQI_START_TIMEOUT_S (90 s; more on a crowded machine). */
function startTimeoutMs() {
  const s = Number(process.env.YINQI_START_TIMEOUT_S ?? 90);
  if (!Number.isFinite(s) || s <= 0) throw new LaunchError(`YINQI_START_TIMEOUT_S must be a number of seconds, got "${process.env.YINQI_START_TIMEOUT_S}"`);
  return s * 1000;
}

/**
 * Starts every service, then the gateway; resolves when all answer /healthz. Each one is
 * supervised from then on: a unit that dies is started again with backoff (supervisor.mjs), and
 * the launcher says so in one line. Returns the supervised units (stop them with stopProcess).
 */
export async function startStack(env, { gatewayPort, servicePortBase, logSuffix = '' }) {
  const units = [];
  mkdirSync(LOG_DIR, { recursive: true });
  const specs = [
    ...SERVICES.map((s) => ({ name: s.name, port: servicePortBase + s.offset, main: path.join(ROOT, 'services', s.name, 'dist/main.js') })),
    { name: 'gateway', port: gatewayPort, main: path.join(ROOT, 'gateway/dist/main.js') },
  ];
  for (const u of specs) {
    if (await portOpen(u.port)) throw new LaunchError(`port ${u.port} (for ${u.name}) is in use: stop what runs there (another npm start?) or set ${u.name === 'gateway' ? 'GATEWAY_PORT' : 'SERVICE_PORT_BASE'}.`);
  }
  const t0 = Date.now();
  const startUnit = (u) => {
    const logName = `${u.name}${logSuffix}.log`;
    const unit = new Supervised(
      u.name,
      () => startProcess(u.name, process.execPath, [...nodeFlags(u.name), u.main], { env: { ...env, PORT: String(u.port) }, logFile: openSync(path.join(LOG_DIR, logName), 'a') }),
      { logHint: `.data/logs/${logName}` },
    );
    unit.start();
    units.push(unit);
    return unit;
  };
  const waitHealthy = async (u, unit) => {
    let exited = false;
    unit.child.once('exit', () => (exited = true));
    await waitUntil(
      u.name,
      async () => {
        if (exited) throw new LaunchError(`${u.name} exited during start-up; see .data/logs/${u.name}${logSuffix}.log`);
        return healthy(`http://127.0.0.1:${u.port}/healthz`);
      },
      startTimeoutMs(),
      200,
    );
    unit.watch();
  };
  try {
    const services = specs.slice(0, -1).map((u) => ({ u, unit: startUnit(u) }));
    await Promise.all(services.map(({ u, unit }) => waitHealthy(u, unit)));
    const gw = specs[specs.length - 1];
    await waitHealthy(gw, startUnit(gw));
  } catch (err) {
    await Promise.all(units.map((c) => stopProcess(c, 5000)));
    throw err;
  }
  step(`services: ${SERVICES.map((s) => s.name).join(', ')} and the gateway are up in ${((Date.now() - t0) / 1000).toFixed(1)}s (logs: .data/logs/; each is restarted if it dies)`);
  return units;
}
