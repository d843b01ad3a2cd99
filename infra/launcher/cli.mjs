#!/usr/bin/env node
// The two commands. `npm start`: install what is missing, start Kafka + FerretDB (unless
// KAFKA_BROKERS / MONGO_URL point elsewhere), every service and the gateway, seed demo data,
// print the URLs, stop everything on Ctrl-C. `npm test`: the same set-up on a separate
// namespace and ports, then every jest project; exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureComposeCheck } from './compose-check.mjs';
import { ensureFerretBinary, startFerret } from './ferretdb.mjs';
import { ensureFuzzer } from './fuzzer.mjs';
import { ensureHelm } from './helm.mjs';
import { build, ensureChromium, ensureNodeModules } from './install.mjs';
import { ensureKafkaJars, startKafka } from './kafka.mjs';
import { SERVICES, devJwtKeys, replicaPlan, startStack, stackEnv } from './stack.mjs';
import { stopSupervising } from './supervisor.mjs';
import { DATA_DIR, LaunchError, ROOT, step, stopProcess } from './util.mjs';

const intEnv = (name, fallback) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new LaunchError(`${name} must be a port number, got "${raw}"`);
  return n;
};

const owned = []; // processes this launcher started (supervised: restarted when they die), stopped in reverse order
let stopping;
function stopAll() {
  stopping ??= (async () => {
    const list = owned.splice(0).reverse();
    if (list.length) step(`stopping ${list.map((c) => c.processName).join(', ')}…`);
    // services and gateway together, then FerretDB, then Kafka (so consumers leave their groups cleanly)
    const infra = list.filter((c) => c.processName === 'kafka' || c.processName === 'ferretdb');
    await Promise.all(list.filter((c) => !infra.includes(c)).map((c) => stopProcess(c, 15_000)));
    for (const c of infra.sort((a) => (a.processName === 'kafka' ? 1 : -1))) await stopProcess(c, 30_000);
    if (list.length) step('stopped');
  })();
  return stopping;
}

/** Kafka and FerretDB: started here unless the environment points at existing servers. */
async function startInfra() {
  let brokers;
  let mongoUrl;
  if (process.env.KAFKA_BROKERS) {
    brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
    step(`kafka: using KAFKA_BROKERS=${brokers.join(',')}`);
  } else {
    ensureKafkaJars();
  }
  if (process.env.MONGO_URL) {
    mongoUrl = process.env.MONGO_URL;
    step('mongo: using MONGO_URL');
  } else {
    ensureFerretBinary();
  }
  const [k, f] = await Promise.all([
    brokers ? null : startKafka({ port: intEnv('KAFKA_PORT', 9092), controllerPort: intEnv('KAFKA_CONTROLLER_PORT', 9093) }),
    mongoUrl ? null : startFerret({ port: intEnv('FERRETDB_PORT', 27017) }),
  ]);
  if (k) {
    brokers = k.brokers;
    if (k.child) owned.push(k.child);
  }
  if (f) {
    mongoUrl = f.url;
    if (f.child) owned.push(f.child);
  }
  return { brokers, mongoUrl };
}

function waitForSignal() {
  return new Promise(() => {}); // the signal handlers below stop everything and exit
}

function runChild(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** The plain closing line CI reads: `jest: N passed, N failed, N skipped`. */
function printSummary(files) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    try {
      const r = JSON.parse(readFileSync(file, 'utf8'));
      total.passed += r.numPassedTests;
      total.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
      total.skipped += r.numPendingTests + r.numTodoTests;
    } catch {
      total.failed += 1; // a jest run that wrote no results failed before it could
    }
  }
  process.stdout.write(`\njest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
}

const MAIN_PROJECTS = ['unit', 'store', 'int', 'e2e'];
/** Jest flags that take a value (so the value is not mistaken for a test path). */
const FLAGS_WITH_VALUE = new Set(['-t', '--testNamePattern', '--maxWorkers', '-w', '--testTimeout', '--seed', '--shard', '--reporters']);

/**
 * What `npm test -- <args>` runs: the unit/int/e2e projects together on one stack, then every
 * test file under tests/ named `*.solo.test.ts`, each on a stack of its own. `--selectProjects` picks among
 * unit, int, e2e and solo; path arguments narrow both phases as jest would (regex match).
 */
export function planTestRun(rest) {
  const flags = [];
  const paths = [];
  let projects = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--selectProjects') {
      projects = [];
      while (i + 1 < rest.length && !rest[i + 1].startsWith('-')) projects.push(rest[++i]);
    } else if (a.startsWith('-')) {
      flags.push(a);
      if (FLAGS_WITH_VALUE.has(a) && i + 1 < rest.length) flags.push(rest[++i]);
    } else paths.push(a);
  }
  const mainProjects = (projects ?? MAIN_PROJECTS).filter((p) => MAIN_PROJECTS.includes(p));
  const wantSolo = projects === null || projects.includes('solo');
  const soloFiles = wantSolo
    ? findSoloFiles(path.join(ROOT, 'tests')).filter((f) => paths.length === 0 || paths.some((p) => new RegExp(p).test(f)))
    : [];
  // Paths that name only solo files leave nothing for the main phase; paths that match solo files
  // and others let the main phase find none without failing (the solo phase still runs tests).
  const main = mainProjects.length > 0 && !(paths.length > 0 && paths.every((p) => /\.solo\b/.test(p)));
  if (main && paths.length > 0 && soloFiles.length > 0) flags.push('--passWithNoTests');
  return {
    main,
    mainProjects,
    mainArgs: [...paths, ...flags, '--selectProjects', ...mainProjects] /* last: it takes every word after it as a project name */,
    soloFiles,
    soloFlags: flags.filter((f) => f !== '--passWithNoTests'),
  };
}

function findSoloFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findSoloFiles(full));
    else if (entry.name.endsWith('.solo.test.ts')) out.push(full);
  }
  return out.sort();
}

/** Test runs get their own databases and topics so they never touch the demo data. */
function testNamespace() {
  const run = `t${Date.now().toString(36)}`;
  return { dbPrefix: `yinqitest_${run}`, topicPrefix: `yinqitest-${run}` };
}

/** Namespaces of test runs that ended (or died) more than an hour ago: their data and topics can go. */
const STALE_MS = 60 * 60 * 1000;
function isStaleTestName(name) {
  const m = /^yinqitest[-_](?:int[-_].*[-_])?t([0-9a-z]+)[-_.]/.exec(name);
  if (!m) return false;
  const at = parseInt(m[1], 36);
  return Number.isFinite(at) && Date.now() - at > STALE_MS;
}

/**
 * Deletes the Kafka topics earlier test runs left behind (stale ones only: another `npm test`
 * may be running right now). Test databases are NOT dropped while FerretDB runs: its SQLite
 * backend drops a database under a global lock and waits for that database's open cursors,
 * which stalls every other client (seen here). They live in `.data/ferretdb-v2`; delete `.data`
 * to reclaim the space. Best effort, bounded in time.
 */
async function dropOldTestNamespaces(brokers) {
  const work = (async () => {
    const { Kafka, logLevel } = await import(path.join(ROOT, 'node_modules/kafkajs/index.js'));
    const admin = new Kafka({ brokers, clientId: 'yinqi-launcher', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter(isStaleTestName);
      if (topics.length) await admin.deleteTopics({ topics, timeout: 15_000 });
    } finally {
      await admin.disconnect();
    }
  })();
  const timeout = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
  await Promise.race([work.catch((err) => step(`cleanup of old test topics skipped: ${err.message}`)), timeout]);
}

/**
 * `npm test` lints before anything starts: ESLint (eslint.config.mjs, type-aware) and Prettier's
 * check, so a finding fails the run in about a minute instead of after the stack's tests.
 */
async function lint() {
  const t = Date.now();
  step('lint: eslint and prettier --check');
  const eslint = await runChild(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', '.'], {});
  const prettier = await runChild(
    process.execPath,
    [path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'],
    {},
  );
  if (eslint !== 0 || prettier !== 0)
    throw new LaunchError(
      `lint failed (${[eslint !== 0 && 'eslint', prettier !== 0 && 'prettier'].filter(Boolean).join(', ')}, see above): ` +
        '`npx eslint --fix .` and `npx prettier --write .` fix most findings',
    );
  step(`lint: clean in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}

async function main() {
  const [command = 'start', ...rest] = process.argv.slice(2);
  const t0 = Date.now();
  ensureNodeModules();
  build(SERVICES);
  if (command === 'test') ensureChromium();
  if (command === 'build-only') return 0;
  if (command === 'test') {
    // ESLint runs beside the test tools' first-run builds (Go, pip); both are cached afterwards.
    const linting = lint();
    ensureComposeCheck();
    ensureHelm();
    ensureFuzzer();
    await linting;
  }
  const { brokers, mongoUrl } = await startInfra();
  const infraEnv = { KAFKA_BROKERS: brokers.join(','), MONGO_URL: mongoUrl };

  if (command === 'infra') {
    step(`infra up: KAFKA_BROKERS=${infraEnv.KAFKA_BROKERS} MONGO_URL=${mongoUrl} — Ctrl-C to stop`);
    await waitForSignal();
    return 0;
  }
  if (command === 'start') return startSeeded({ brokers, mongoUrl, t0 });
  if (command === 'test' || command === 'run') return runOnTestStack(command, rest, { brokers, mongoUrl, t0 });
  throw new LaunchError(`unknown command "${command}" (start, test, infra, run, build-only)`);
}

/** `npm start`: the stack on the development namespace, the demo seed, the addresses; runs until a signal. */
async function startSeeded({ brokers, mongoUrl, t0 }) {
  const gatewayPort = intEnv('GATEWAY_PORT', 4000);
  const servicePortBase = intEnv('SERVICE_PORT_BASE', 4010);
  const namespace = { dbPrefix: process.env.YINQI_DB_PREFIX ?? 'yinqi', topicPrefix: process.env.YINQI_TOPIC_PREFIX ?? 'yinqi' };
  const replicas = replicaPlan(process.env.YINQI_REPLICAS);
  const env = stackEnv({
    mongoUrl,
    brokers,
    namespace,
    gatewayPort,
    servicePortBase,
    nodeEnv: process.env.NODE_ENV ?? 'development',
    replicas,
  });
  owned.push(...(await startStack(env, { gatewayPort, servicePortBase, replicas })));
  const demoLogins = await seedDemo(env, gatewayPort);
  step(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  printAddresses({ gatewayPort, brokers, mongoUrl, env, demoLogins });
  await waitForSignal();
  return 0;
}

/** The demo seed (tests/src/seed): through the gateway only; "demo data present" when already seeded. Returns its logins. */
async function seedDemo(env, gatewayPort) {
  const seed = path.join(ROOT, 'tests/dist/seed/seed.js');
  const loginsFile = path.join(DATA_DIR, `demo-logins-${gatewayPort}.json`);
  if (!existsSync(seed)) return [];
  rmSync(loginsFile, { force: true });
  step('seed: demo data through the gateway');
  const code = await runChild(process.execPath, [seed], {
    ...env,
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    YINQI_DEMO_LOGINS_FILE: loginsFile,
  });
  if (code !== 0) step(`seed: failed (exit ${code}); the stack stays up, see the output above`);
  try {
    return JSON.parse(readFileSync(loginsFile, 'utf8'));
  } catch {
    return [];
  }
}

function printAddresses({ gatewayPort, brokers, mongoUrl, env, demoLogins }) {
  process.stdout.write(
    [
      '',
      `  GraphQL gateway   http://127.0.0.1:${gatewayPort}/graphql`,
      `  Health            http://127.0.0.1:${gatewayPort}/healthz`,
      `  Kafka             ${brokers.join(',')}`,
      `  MongoDB wire      ${mongoUrl}`,
      `  Finance centre    ${env.ADMIN_EMAIL} / ${process.env.ADMIN_PASSWORD ? '(from ADMIN_PASSWORD)' : env.ADMIN_PASSWORD}`,
      ...(demoLogins.length
        ? [
            '',
            '  Demo logins (README "Demo data"):',
            ...demoLogins.map((l) => `    ${l.role.padEnd(18)} ${l.email} / ${l.password}   ${l.who}`),
          ]
        : []),
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

/** `npm test` and `cli.mjs run`: a stack on a fresh test namespace, then jest (or the given command) against it. */
async function runOnTestStack(command, rest, { brokers, mongoUrl, t0 }) {
  const gatewayPort = intEnv('TEST_GATEWAY_PORT', 4100);
  const servicePortBase = intEnv('TEST_SERVICE_PORT_BASE', 4110);
  await dropOldTestNamespaces(brokers);
  // `npm test` runs two replicas of every service that may scale (stack.mjs SCALABLE), so every
  // end-to-end test also proves the services correct with several processes on one store;
  // YINQI_REPLICAS overrides (1 for a lighter run). Benchmarks (`run`) start one unless told.
  const replicas = replicaPlan(process.env.YINQI_REPLICAS ?? (command === 'test' ? '2' : ''));
  const envOn = (namespace) => stackEnv({ mongoUrl, brokers, namespace, gatewayPort, servicePortBase, nodeEnv: 'test', replicas });
  const env = envOn(testNamespace());
  const stackOpts = { gatewayPort, servicePortBase, logSuffix: `.test-${gatewayPort}`, replicas };
  let stack = await startStack(env, stackOpts);
  owned.push(...stack);
  // YINQI_STACK_PIDS (name:pid,…): the benchmarks read each process's memory from /proc.
  const testEnvOf = (e) => ({
    ...e,
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    GATEWAY_HEALTH_URL: `http://127.0.0.1:${gatewayPort}/healthz`,
    YINQI_STACK_PIDS: stack.map((c) => `${c.processName}:${c.pid}`).join(','),
    // Tests mint tokens of their own (expired ones, the retired key's) to prove what is refused and kept.
    JWT_SIGNING_KEYS: devJwtKeys().signing,
    ...(devJwtKeys().retired ? { JWT_TEST_RETIRED_KEYS: devJwtKeys().retired } : {}),
  });
  // Same ports and infrastructure, a fresh namespace; returns the new stack's environment.
  const restart = async () => {
    await Promise.all(stack.map((c) => stopProcess(c, 15_000)));
    owned.splice(0, owned.length, ...owned.filter((c) => !stack.includes(c)));
    const fresh = envOn(testNamespace());
    stack = await startStack(fresh, stackOpts);
    owned.push(...stack);
    return fresh;
  };
  let code;
  if (command === 'test') {
    code = await runTests(rest, { env, testEnvOf, restart });
  } else {
    const args = rest[0] === '--' ? rest.slice(1) : rest;
    if (args.length === 0) throw new LaunchError('usage: cli.mjs run -- <command> [args]');
    code = await runChild(args[0], args.slice(1), testEnvOf(env));
  }
  step(`${command}: finished with exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return code;
}

/** Type-checks the tests, runs jest's main phase, then each solo file on a fresh stack; returns the exit code. */
async function runTests(rest, { env, testEnvOf, restart }) {
  step('tests: type-checking the tests');
  const tsc = await runChild(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json'], {});
  if (tsc !== 0) throw new LaunchError('the tests do not type-check (see above)');
  const plan = planTestRun(rest);
  const resultFiles = [];
  const jest = (args, e, name) => {
    const out = path.join(DATA_DIR, `jest-results${name}.json`);
    rmSync(out, { force: true });
    resultFiles.push(out);
    return runChild(
      process.execPath,
      [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', '--json', `--outputFile=${out}`, ...args],
      e,
    );
  };
  let code = 0;
  if (plan.main) {
    step(`tests: jest (${plan.mainProjects.join(', ')})`);
    code = await jest(plan.mainArgs, testEnvOf(env), '');
  }
  // Solo files assert on everything the store holds (the dashboard's exact numbers, the demo
  // seed), so each gets a stack of its own: same ports and infrastructure, a fresh namespace.
  let soloEnv = env; // untouched when the main phase did not run
  for (const [i, file] of plan.soloFiles.entries()) {
    if (plan.main || i > 0) soloEnv = await restart();
    step(`tests: solo ${path.relative(ROOT, file)} on a fresh stack`);
    const soloCode = await jest(['--selectProjects', 'solo', ...plan.soloFlags, '--runTestsByPath', file], testEnvOf(soloEnv), `-solo${i}`);
    if (soloCode !== 0) code = soloCode;
  }
  printSummary(resultFiles);
  return code;
}

// A signal during set-up still stops what was started (no orphan JVM). Ctrl-C reaches the children
// too: from here on their exits are the shutdown, not crashes to restart.
for (const sig of ['SIGINT', 'SIGTERM'])
  process.once(sig, () => {
    stopSupervising();
    void stopAll().then(() => process.exit(130));
  });

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  process.stderr.write(`\n[yinqi] ${err instanceof LaunchError ? err.message : err.stack}\n`);
} finally {
  stopSupervising();
  await stopAll();
}
process.exit(exitCode);
