// Starts the services and the gateway as child processes, each with its log file.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Supervised } from './supervisor.mjs';
import { DATA_DIR, LOG_DIR, LaunchError, ROOT, portOpen, startProcess, step, stopProcess } from './util.mjs';

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
  { name: 'audit', offset: 9 },
  { name: 'webhook', offset: 10 },
]
  .filter((s) => existsSync(path.join(ROOT, 'services', s.name, 'package.json')))
  // YINQI_ONLY_SERVICES=identity,product starts a subset (the gateway then serves only the
  // domains whose services run): handy while one service is being built.
  .filter((s) => !process.env.YINQI_ONLY_SERVICES || process.env.YINQI_ONLY_SERVICES.split(',').includes(s.name));

/**
 * Services that may run as several replicas on one store: they keep no model in memory that
 * only their own consumer's share of the events would keep current. matching (its match index and
 * matcher), monitor (the dashboard's read model) and capital (the equity fund matcher) do, so they
 * stay at one (docs/DEPLOYMENT.md "Replicas"). audit keeps nothing in memory: its appends race on a
 * unique seq index, which orders them across replicas (services/audit/README.md).
 */
export const SCALABLE = new Set(['identity', 'enterprise', 'product', 'guarantee', 'loan', 'audit', 'webhook']);
const MAX_REPLICAS = 9; // replica k listens on SERVICE_PORT_BASE + offset + 10·k: 9 keeps them below the next base

/**
 * How many replicas of each service to start, from a YINQI_REPLICAS-style spec: a number (every
 * scalable service gets that many) or `loan:3,product:2`. Unnamed services get one.
 */
export function replicaPlan(spec) {
  const plan = Object.fromEntries(SERVICES.map((s) => [s.name, 1]));
  const text = String(spec ?? '').trim();
  if (!text) return plan;
  const count = (v, what) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICAS)
      throw new LaunchError(`YINQI_REPLICAS: ${what} must be a whole number from 1 to ${MAX_REPLICAS}, got "${v}"`);
    return n;
  };
  if (/^\d+$/.test(text)) {
    const n = count(text, 'the replica count');
    for (const s of SERVICES) if (SCALABLE.has(s.name)) plan[s.name] = n;
    return plan;
  }
  for (const part of text.split(',')) {
    const [name, v] = part.split(':').map((x) => x.trim());
    if (!(name in plan))
      throw new LaunchError(
        `YINQI_REPLICAS: unknown or not started service "${name}" (services: ${SERVICES.map((s) => s.name).join(', ')})`,
      );
    const n = count(v, name);
    if (n > 1 && !SCALABLE.has(name))
      throw new LaunchError(
        `YINQI_REPLICAS: ${name} runs as one replica only (it keeps an in-memory model; docs/DEPLOYMENT.md "Replicas")`,
      );
    plan[name] = n;
  }
  return plan;
}

/** The processes of a stack: one per replica of each service, with its port and unit name. */
export function serviceUnits(servicePortBase, replicas = {}) {
  return SERVICES.flatMap((s) =>
    Array.from({ length: replicas[s.name] ?? 1 }, (_, k) => ({
      service: s.name,
      name: k === 0 ? s.name : `${s.name}-${k + 1}`,
      port: servicePortBase + s.offset + 10 * k,
      main: path.join(ROOT, 'services', s.name, 'dist/main.js'),
    })),
  );
}

const devJwk = (label) => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: `dev-${label}-${randomBytes(4).toString('hex')}`, alg: 'ES256', use: 'sig' };
};
const publicOf = (jwk) => ({
  ...createPublicKey(createPrivateKey({ key: jwk, format: 'jwk' })).export({ format: 'jwk' }),
  kid: jwk.kid,
  alg: 'ES256',
  use: 'sig',
});

/**
 * The local token keys (generated once into .data/dev-jwt-keys.json, git-ignored; the same file
 * packages/auth falls back to outside production). Two keys, as after a rotation: the first
 * signs, the second is "retired" — its public half still verifies, its private half is given
 * to no process but the tests (which prove a token of the previous key stays valid).
 * JWT_SIGNING_KEYS / JWT_PUBLIC_KEYS in the environment win (docs/DEPLOYMENT.md).
 */
export function devJwtKeys() {
  const file = path.join(DATA_DIR, 'dev-jwt-keys.json');
  let keys;
  try {
    keys = JSON.parse(readFileSync(file, 'utf8')).keys;
  } catch {
    keys = undefined;
  }
  if (!Array.isArray(keys) || keys.length < 2) {
    mkdirSync(DATA_DIR, { recursive: true });
    keys = [devJwk('current'), devJwk('retired')];
    writeFileSync(file, JSON.stringify({ keys }), { mode: 0o600 });
  }
  const [current, retired] = keys;
  return {
    signing: process.env.JWT_SIGNING_KEYS ?? JSON.stringify({ keys: [current] }),
    public: process.env.JWT_PUBLIC_KEYS ?? JSON.stringify({ keys: [publicOf(current), publicOf(retired)] }),
    retired: process.env.JWT_SIGNING_KEYS ? undefined : JSON.stringify({ keys: [retired] }),
  };
}

/** Environment shared by every service and the gateway of one stack. */
export function stackEnv({ mongoUrl, brokers, namespace, gatewayPort, servicePortBase, nodeEnv, replicas = {} }) {
  const env = {
    NODE_ENV: nodeEnv,
    MONGO_URL: mongoUrl,
    KAFKA_BROKERS: brokers.join(','),
    // Public keys only: the private key goes to identity alone (startStack).
    JWT_PUBLIC_KEYS: devJwtKeys().public,
    YINQI_DATA_DIR: DATA_DIR,
    YINQI_DB_PREFIX: namespace.dbPrefix,
    YINQI_TOPIC_PREFIX: namespace.topicPrefix,
    ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? 'admin@yinqi.local',
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    GATEWAY_PORT: String(gatewayPort),
    // The test run plays the proxy: its requests may name a caller in X-Forwarded-For, so the
    // per-address login limit can be proven with several addresses from one machine.
    ...(nodeEnv === 'test' ? { TRUSTED_PROXIES: '127.0.0.1' } : {}),
    // Webhook retries on the contract's clock (1 s doubling to 10 min, 10 s timeout) would make a
    // test of a receiver that was down wait minutes: a test stack retries within seconds instead.
    ...(nodeEnv === 'test'
      ? { WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_CAP_MS: '2000', WEBHOOK_TIMEOUT_MS: '3000', WEBHOOK_POLL_MS: '100' }
      : {}),
    // Any WEBHOOK_* set by the caller (a benchmark, a URL-policy run) wins.
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('WEBHOOK_'))),
  };
  // Several replicas: the gateway is given all their URLs and spreads its calls over them.
  for (const s of SERVICES) {
    env[`${s.name.toUpperCase()}_URL`] = serviceUnits(servicePortBase, replicas)
      .filter((u) => u.service === s.name)
      .map((u) => `http://127.0.0.1:${u.port}`)
      .join(',');
  }
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
  const prof = (process.env.YINQI_CPU_PROF ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
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
  if (!Number.isFinite(s) || s <= 0)
    throw new LaunchError(`YINQI_START_TIMEOUT_S must be a number of seconds, got "${process.env.YINQI_START_TIMEOUT_S}"`);
  return s * 1000;
}

/**
 * Starts every service, then the gateway; resolves when all answer /healthz. Each one is
 * supervised from then on: a unit that dies is started again with backoff (supervisor.mjs), and
 * the launcher says so in one line. Returns the supervised units (stop them with stopProcess).
 */
export async function startStack(env, { gatewayPort, servicePortBase, logSuffix = '', replicas = {} }) {
  const units = [];
  mkdirSync(LOG_DIR, { recursive: true });
  const specs = [
    ...serviceUnits(servicePortBase, replicas),
    { name: 'gateway', port: gatewayPort, main: path.join(ROOT, 'gateway/dist/main.js') },
  ];
  for (const u of specs) {
    if (await portOpen(u.port))
      throw new LaunchError(
        `port ${u.port} (for ${u.name}) is in use: stop what runs there (another npm start?) or set ${u.name === 'gateway' ? 'GATEWAY_PORT' : 'SERVICE_PORT_BASE'}.`,
      );
  }
  const t0 = Date.now();
  const startUnit = (u) => {
    const logName = `${u.name}${logSuffix}.log`;
    const unit = new Supervised(
      u.name,
      () =>
        startProcess(u.name, process.execPath, [...nodeFlags(u.service ?? u.name), u.main], {
          env: { ...env, ...(u.service === 'identity' ? { JWT_SIGNING_KEYS: devJwtKeys().signing } : {}), PORT: String(u.port) },
          logFile: openSync(path.join(LOG_DIR, logName), 'a'),
        }),
      { logHint: `.data/logs/${logName}` },
    );
    unit.start();
    units.push(unit);
    return unit;
  };
  const waitHealthy = async (u, unit) => {
    await unit.waitReady(u.name, {
      ready: () => healthy(`http://127.0.0.1:${u.port}/healthz`),
      exitMessage: `${u.name} exited during start-up; see .data/logs/${u.name}${logSuffix}.log`,
      timeoutMs: startTimeoutMs(),
      intervalMs: 200,
    });
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
  const names = SERVICES.map((s) => ((replicas[s.name] ?? 1) > 1 ? `${s.name} ×${replicas[s.name]}` : s.name));
  step(
    `services: ${names.join(', ')} and the gateway are up in ${((Date.now() - t0) / 1000).toFixed(1)}s (logs: .data/logs/; each is restarted if it dies)`,
  );
  return units;
}
