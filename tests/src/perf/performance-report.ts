// What the benchmarks share: percentiles, the machine description, markdown tables, and the
// section-by-section update of docs/PERFORMANCE.md (each benchmark owns one section).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** tests/dist/perf/*.js → the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const PERFORMANCE_DOC = path.join(REPO_ROOT, 'docs/PERFORMANCE.md');

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function machine(): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${gib} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

/** `1-min / 5-min / 15-min` load average: on a shared machine it explains numbers a quiet one would not give. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/**
 * The command that reproduces this run: `npm run <script>` with the variables that change what
 * runs (the launcher's port and service choices, the benchmark's own knobs), as they were set.
 */
export function reproduceCommand(fallbackScript: string, knobs: readonly string[]): string {
  const vars = ['YINQI_ONLY_SERVICES', 'TEST_GATEWAY_PORT', 'TEST_SERVICE_PORT_BASE', ...knobs]
    .filter((k) => process.env[k] !== undefined && process.env[k] !== '')
    .map((k) => `${k}=${process.env[k]}`);
  const lifecycle = process.env.npm_lifecycle_event;
  const run = lifecycle?.startsWith('bench:') ? `npm run ${lifecycle}` : `node ${fallbackScript}`;
  return [...vars, run].join(' ');
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

const HEADER = `# Performance

Measured by the project's own benchmark scripts (\`tests/src/perf/\`); each section is rewritten by
its script on every run and the others are kept. Absolute numbers depend on the machine: compare
ratios, and rerun on the machine you care about. Targets: DESIGN.md "Performance targets".
`;

/**
 * Replaces this benchmark's section of docs/PERFORMANCE.md (between its markers), or appends it,
 * keeping every other section as it is.
 */
export function writeSection(id: string, markdown: string): void {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  mkdirSync(path.dirname(PERFORMANCE_DOC), { recursive: true });
  const current = existsSync(PERFORMANCE_DOC) ? readFileSync(PERFORMANCE_DOC, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(PERFORMANCE_DOC, next);
}
