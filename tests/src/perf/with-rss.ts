// Memory of each process of the stack around one benchmark: `node tests/dist/perf/with-rss.js <label>
// <command…>` runs under the launcher (`cli.mjs run --`), reads every process's resident set size
// (VmRSS in /proc/<pid>/status; the pids come from the launcher in YINQI_STACK_PIDS) before the
// command, every second while it runs (the peak), right after it, and after BENCH_SETTLE_S seconds
// of quiet; then writes them to .data/bench/rss-<label>.json for run-all (which renders the
// "Memory" section). Exits with the command's code.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, loadAverage } from './performance-report';

export interface RssSample {
  /** name → resident set size in bytes; absent when the process was gone. */
  [name: string]: number;
}

export interface RssRecord {
  label: string;
  command: string;
  settleSeconds: number;
  start: RssSample;
  peak: RssSample;
  afterLoad: RssSample;
  settled: RssSample;
  loadAverage: { start: string; end: string };
  exitCode: number;
}

export const RSS_DIR = path.join(process.env.YINQI_DATA_DIR ?? path.join(REPO_ROOT, '.data'), 'bench');

function stackPids(): [string, number][] {
  return (process.env.YINQI_STACK_PIDS ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => {
      const [name, pid] = p.split(':');
      return [name!, Number(pid)] as [string, number];
    });
}

/** VmRSS of one process in bytes (Linux); undefined when it is not readable. */
export function rssOf(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function sample(pids: [string, number][]): RssSample {
  const out: RssSample = {};
  for (const [name, pid] of pids) {
    const v = rssOf(pid);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const [label, cmd, ...args] = process.argv.slice(2);
  if (!label || !cmd) throw new Error('usage: with-rss.js <label> <command> [args…]');
  const settleSeconds = Number(process.env.BENCH_SETTLE_S ?? 30);
  const pids = stackPids();
  if (pids.length === 0) process.stderr.write('with-rss: YINQI_STACK_PIDS is not set (run under `cli.mjs run --`): no memory figures\n');
  if (os.platform() !== 'linux') process.stderr.write('with-rss: /proc is Linux-only: no memory figures\n');
  const loadStart = loadAverage();
  const start = sample(pids);
  const peak: RssSample = { ...start };
  const timer = setInterval(() => {
    const s = sample(pids);
    for (const [k, v] of Object.entries(s)) peak[k] = Math.max(peak[k] ?? 0, v);
  }, 1_000);
  const exitCode = await new Promise<number>((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  const afterLoad = sample(pids);
  for (const [k, v] of Object.entries(afterLoad)) peak[k] = Math.max(peak[k] ?? 0, v);
  if (exitCode === 0 && pids.length > 0) {
    process.stdout.write(`with-rss: ${settleSeconds} s of quiet before the last memory reading …\n`);
    await sleep(settleSeconds * 1000);
  }
  clearInterval(timer);
  const settled = sample(pids);
  const record: RssRecord = {
    label,
    command: [cmd, ...args].join(' '),
    settleSeconds,
    start,
    peak,
    afterLoad,
    settled,
    loadAverage: { start: loadStart, end: loadAverage() },
    exitCode,
  };
  mkdirSync(RSS_DIR, { recursive: true });
  writeFileSync(path.join(RSS_DIR, `rss-${label}.json`), JSON.stringify(record, null, 2));
  process.exit(exitCode);
}

// run-all imports the types and RSS_DIR from here; only running the file measures.
if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`with-rss failed: ${(err as Error).stack}\n`);
    process.exit(1);
  });
}
