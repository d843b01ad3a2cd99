// `npm run bench`: every benchmark in sequence, each on a stack of its own started by the launcher
// (`cli.mjs run --`, fresh namespace, only the services it needs), then the summary (machine,
// versions, commands, time per section) and the memory section of docs/PERFORMANCE.md. No hand
// steps: Kafka and FerretDB are started (or reused) by the launcher like `npm test` does.
//
// BENCH_SECTIONS picks and orders the sections (default store,matcher,gateway,latency,events,scale; add
// monitor-rebuild for the replay rebuild). Every knob of the single benchmarks passes through
// (BENCH_RATES, BENCH_DURATION, …); BENCH_SETTLE_S is the quiet time before the last memory reading.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PERFORMANCE_DOC, REPO_ROOT, fmt, loadAverage, machine, markdownTable, writeSection } from './performance-report';
import { RSS_DIR, type RssRecord } from './with-rss';

interface Section {
  id: string;
  title: string;
  /** Services the launcher starts for it (YINQI_ONLY_SERVICES); none: no stack. */
  services?: string;
  /** The command, run in the repository root (under the launcher when `services` is set). */
  command: string[];
  env?: Record<string, string>;
}

const LAUNCHER = ['node', 'infra/launcher/cli.mjs', 'run', '--'];
const withRss = (label: string, script: string) => ['node', 'tests/dist/perf/with-rss.js', label, 'node', script];

const SECTIONS: Record<string, Section> = {
  store: { id: 'store', title: 'Local store before and after its patches', command: ['node', 'tests/dist/perf/store-bench.js'] },
  matcher: {
    id: 'matcher',
    title: 'Matching engine alone (1k / 10k / 100k products)',
    command: ['node', 'tests/dist/perf/matcher-bench.js', '--write'],
  },
  gateway: {
    id: 'gateway',
    title: 'Gateway requests/s against bare yoga and bare node:http',
    services: 'identity,enterprise,product,matching,guarantee,loan,monitor',
    command: withRss('gateway', 'tests/dist/perf/gateway-bench.js'),
  },
  latency: {
    id: 'latency',
    title: 'Demand → first match through the gateway',
    services: 'identity,enterprise,product,matching',
    command: withRss('latency', 'tests/dist/perf/match-latency-bench.js'),
    env: { BENCH_RATES: process.env.BENCH_RATES ?? '2,5,10,50,100' },
  },
  events: {
    id: 'events',
    title: 'Event path: outbox → Kafka → consumer',
    services: 'identity',
    command: withRss('events', 'tests/dist/perf/event-path-bench.js'),
  },
  // Every service (the lists span all of them); not under with-rss: it restarts services, whose pids change.
  scale: {
    id: 'scale',
    title: 'Lists at scale through the gateway',
    services: 'identity,enterprise,product,matching,guarantee,loan,capital,monitor',
    command: ['node', 'tests/dist/perf/scale-bench.js'],
  },
  'monitor-rebuild': {
    id: 'monitor-rebuild',
    title: 'Monitor replay rebuild',
    services: 'identity,monitor',
    command: withRss('monitor-rebuild', 'tests/dist/perf/monitor-rebuild-bench.js'),
  },
};

const KNOBS = [
  'BENCH_SECTIONS',
  'BENCH_RATES',
  'BENCH_DEMANDS',
  'BENCH_PRODUCTS',
  'BENCH_CONNECTIONS',
  'BENCH_DURATION',
  'BENCH_WARMUP',
  'BENCH_SETTLE_S',
  'BENCH_EVENTS',
  'BENCH_SCALE_DEMANDS',
  'BENCH_SCALE_REQUESTS',
  'TEST_GATEWAY_PORT',
  'TEST_SERVICE_PORT_BASE',
];

function run(section: Section): Promise<{ code: number; seconds: number; shown: string }> {
  const cmd = section.services ? [...LAUNCHER, ...section.command] : section.command;
  const env = { ...process.env, ...section.env, ...(section.services ? { YINQI_ONLY_SERVICES: section.services } : {}) };
  const shown = [
    ...(section.services ? [`YINQI_ONLY_SERVICES=${section.services}`] : []),
    ...Object.entries(section.env ?? {}).map(([k, v]) => `${k}=${v}`),
    ...cmd,
  ].join(' ');
  process.stdout.write(`\n=== bench ${section.id}: ${shown}\n`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { cwd: REPO_ROOT, env, stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 1 : 0), seconds: (Date.now() - t0) / 1000, shown });
    });
  });
}

const version = (pkg: string) => {
  try {
    return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
};

function infraVersions(): string {
  let kafka = '?';
  let ferret = '?';
  try {
    kafka = /KAFKA_VERSION = '([^']+)'/.exec(readFileSync(path.join(REPO_ROOT, 'infra/launcher/kafka.mjs'), 'utf8'))?.[1] ?? '?';
    ferret = /FerretDB\/FerretDB (v[\d.]+)/.exec(readFileSync(path.join(REPO_ROOT, 'infra/ferretdb/go.mod'), 'utf8'))?.[1] ?? '?';
  } catch {
    // reported as unknown
  }
  const where = [
    process.env.KAFKA_BROKERS
      ? `Kafka at KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`
      : `Kafka ${kafka} (KRaft, one broker, the launcher's)`,
    process.env.MONGO_URL ? 'MongoDB wire at MONGO_URL' : `FerretDB ${ferret} on SQLite (the launcher's build)`,
  ];
  return where.join(', ');
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : fmt(bytes / 2 ** 20, 0));

/** Back to baseline: within 15% or 16 MB of the reading before the load, whichever is larger. */
function backToBaseline(start: number | undefined, settled: number | undefined): string {
  if (start === undefined || settled === undefined) return '—';
  const slack = Math.max(start * 0.15, 16 * 2 ** 20);
  const delta = settled - start;
  return delta <= slack ? `yes (${delta >= 0 ? '+' : ''}${mb(delta)} MB)` : `**no** (+${mb(delta)} MB)`;
}

function memorySection(labels: string[]): string | undefined {
  const records = labels
    .map((l) => path.join(RSS_DIR, `rss-${l}.json`))
    .filter((f) => existsSync(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as RssRecord);
  if (records.length === 0) return undefined;
  const rows: string[][] = [];
  for (const r of records) {
    for (const name of Object.keys(r.start)) {
      rows.push([
        r.label,
        name,
        mb(r.start[name]),
        mb(r.peak[name]),
        mb(r.afterLoad[name]),
        mb(r.settled[name]),
        backToBaseline(r.start[name], r.settled[name]),
      ]);
    }
  }
  return [
    '## Memory of each process (RSS)',
    '',
    `- Date: ${new Date().toISOString()}; ${machine()}`,
    `- Resident set size (VmRSS from /proc/<pid>/status) of every process of the benchmark's stack: before the load (stack started, nothing done yet), the peak (read every second), right after the load, and after ${records[0]!.settleSeconds} s of quiet (BENCH_SETTLE_S). "Back to baseline": the settled reading is within 15% or 16 MB of the first. Node does not hand freed heap back to the OS at once, and caches that the load fills (the matcher's in-memory index, the monitor's read model) are meant to stay: a "no" there is growth to explain, not necessarily a leak.`,
    `- Each stack is a fresh namespace with only its benchmark's data; ${records.map((r) => `${r.label}: load average ${r.loadAverage.start} → ${r.loadAverage.end}`).join('; ')}.`,
    '',
    markdownTable(['Benchmark', 'Process', 'Before MB', 'Peak MB', 'After the load MB', 'Settled MB', 'Back to baseline'], rows),
  ].join('\n');
}

/** The summary goes right after the document's header, before the first section. */
function ensureSummaryFirst(): void {
  if (!existsSync(PERFORMANCE_DOC)) return;
  const doc = readFileSync(PERFORMANCE_DOC, 'utf8');
  if (doc.includes('<!-- bench:summary -->')) return;
  const first = doc.indexOf('<!-- bench:');
  if (first < 0) return;
  writeSection('summary', '## Summary'); // appended, then moved up
  const withSummary = readFileSync(PERFORMANCE_DOC, 'utf8');
  const block = withSummary.slice(
    withSummary.indexOf('<!-- bench:summary -->'),
    withSummary.indexOf('<!-- /bench:summary -->') + '<!-- /bench:summary -->'.length,
  );
  const rest = withSummary.replace(block, '').trimEnd();
  const at = rest.indexOf('<!-- bench:');
  writeFileSync(PERFORMANCE_DOC, `${rest.slice(0, at)}${block}\n\n${rest.slice(at)}\n`);
}

async function main() {
  const wanted = (process.env.BENCH_SECTIONS ?? 'store,matcher,gateway,latency,events,scale')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !SECTIONS[w]);
  if (unknown.length) throw new Error(`unknown BENCH_SECTIONS ${unknown.join(', ')} (known: ${Object.keys(SECTIONS).join(', ')})`);
  const t0 = Date.now();
  const loadStart = loadAverage();
  const labels = wanted.filter((w) => SECTIONS[w]!.services);
  for (const l of labels) rmSync(path.join(RSS_DIR, `rss-${l}.json`), { force: true });
  const done: { section: Section; code: number; seconds: number; shown: string }[] = [];
  for (const id of wanted) {
    const section = SECTIONS[id]!;
    done.push({ section, ...(await run(section)) });
  }
  const memory = memorySection(labels);
  if (memory) writeSection('memory', memory);
  ensureSummaryFirst();
  const command = [...KNOBS.filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`), 'npm run bench'].join(' ');
  const summary = [
    '## Summary',
    '',
    `- Date: ${new Date().toISOString()}; whole run ${fmt((Date.now() - t0) / 60_000, 1)} min`,
    `- Machine: ${machine()}; load average (1 / 5 / 15 min) ${loadStart} at the start, ${loadAverage()} at the end`,
    `- Versions: ${infraVersions()}; graphql-yoga ${version('graphql-yoga')}, graphql ${version('graphql')}, kafkajs ${version('kafkajs')}, mongoose ${version('mongoose')} (driver ${version('mongodb')}), express ${version('express')}, autocannon ${version('autocannon')}`,
    `- Command: \`${command}\` (builds, then runs each section below on a stack of its own: \`node infra/launcher/cli.mjs run -- …\` with a fresh database/topic namespace and only the services it needs; the load comes from a separate process)`,
    '',
    markdownTable(
      ['Section', 'Command', 'Minutes', 'Result'],
      done.map((d) => [
        d.section.title,
        `\`${d.shown}\``,
        fmt(d.seconds / 60, 1),
        d.code === 0 ? 'ok' : `**failed (exit ${d.code})**: its section below is from an earlier run`,
      ]),
    ),
  ].join('\n');
  writeSection('summary', summary);
  process.stdout.write(`\n${summary}\n${memory ? `\n${memory}\n` : ''}\ndocs/PERFORMANCE.md written\n`);
  return done.every((d) => d.code === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
