/**
 * The monitor's exports at 100,000 rows: fills the monitor's in-memory projection with 100,000
 * matches (and the enterprises, banks and products they name), serves its export routes from this
 * process, downloads each file with curl (a separate process, fast and rate-limited) and samples this
 * process's resident set size and heap every 50 ms during each download. The monitor's target is
 * 150 MB RSS (DESIGN.md); what matters for streaming is that a download adds little to what the
 * facts themselves take, and the same for 100,000 rows as for a slow client.
 * Run: npx tsc -b tests && node --expose-gc tests/dist/perf/monitor-export-bench.js [--write]
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { promisify } from 'node:util';
import express from 'express';
import { exportRoutes } from '../../../services/monitor/dist/api/export-routes';
import type { FactChange } from '../../../services/monitor/dist/domain/facts';
import { Projection } from '../../../services/monitor/dist/domain/projection';
import { writeSection } from './performance-report';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const MB = 1024 * 1024;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const STATUSES = ['PROPOSED', 'INTERESTED', 'DECLINED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'WITHDRAWN'];
const uuid = (prefix: string, i: number) => `${prefix}${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`.slice(0, 36);

function fill(p: Projection): void {
  const put = (c: FactChange) => p.put(c);
  for (let i = 0; i < 20; i++) put({ kind: 'institution', fact: { _id: uuid('b', i), v: 1, kind: 'BANK', name: `重庆银行大足支行${i}` } });
  for (let i = 0; i < 200; i++)
    put({ kind: 'product', fact: { _id: uuid('p', i), v: 1, name: `专精特新贷${i}号`, bankId: uuid('b', i % 20) } });
  for (let i = 0; i < 5_000; i++)
    put({
      kind: 'enterprise',
      fact: { _id: uuid('e', i), v: 1, name: `重庆锐锋五金工具有限公司${i}`, tier: 'MUNICIPAL_SRDI', reachedAt: {} },
    });
  for (let i = 0; i < ROWS; i++) {
    const createdAt = T0 + i * 60_000;
    const answered = i % 3 !== 0;
    put({
      kind: 'match',
      fact: {
        _id: uuid('m', i),
        v: 2,
        demandId: uuid('d', i),
        enterpriseId: uuid('e', i % 5_000),
        productId: uuid('p', i % 200),
        bankId: uuid('b', i % 20),
        status: STATUSES[i % STATUSES.length]!,
        amount: 1_000_000 + (i % 50) * 100_000,
        createdAt,
        respondedAt: answered ? createdAt + 7_200_000 : null,
        offeredAt: answered ? createdAt + 86_400_000 : null,
        offerAmount: answered ? 900_000 : null,
        offerRate: answered ? 3.45 : null,
        offerTermMonths: answered ? 12 : null,
      },
    });
  }
}

interface Sample {
  rss: number;
  heap: number;
}
const sample = (): Sample => {
  // heapUsed + arrayBuffers: what is held on the JS side (Buffers of the zip and the socket included).
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers };
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function download(base: string, path: string, limitRate: string | null) {
  gc();
  const before = sample();
  let peak = before;
  const timer = setInterval(() => {
    const s = sample();
    peak = { rss: Math.max(peak.rss, s.rss), heap: Math.max(peak.heap, s.heap) };
  }, 50);
  const t0 = Date.now();
  const args = [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code} %{size_download}',
    ...(limitRate ? ['--limit-rate', limitRate] : []),
    base + path,
  ];
  const { stdout } = await promisify(execFile)('curl', args, { timeout: 600_000 });
  clearInterval(timer);
  const [status, bytes] = stdout.trim().split(' ');
  if (status !== '200') throw new Error(`${path}: HTTP ${status}`);
  return { path, limitRate, ms: Date.now() - t0, bytes: Number(bytes), before, peak };
}

async function main() {
  const projection = new Projection();
  gc();
  const empty = sample();
  fill(projection);
  gc();
  const filled = sample();
  const app = express();
  app.use((req, _res, next) => {
    // The service-kit's auth middleware puts the verified caller here; the bench is the finance centre.
    req.principal = { userId: 'bench', role: 'FINANCE_CENTER' };
    next();
  });
  app.use(exportRoutes(() => projection));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runs = [];
  for (const [path, rate] of [
    ['/export/matches.csv', null],
    ['/export/matches.xlsx', null],
    ['/export/matches.csv?columns=codes', null],
    ['/export/matches.xlsx', '2M'],
    ['/export/matches.csv', '2M'],
  ] as const) {
    runs.push(await download(base, path, rate));
  }
  server.close();
  const mb = (n: number) => (n / MB).toFixed(1);
  const lines = [
    `${ROWS.toLocaleString('en')} match rows; node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}.`,
    `Projection: RSS ${mb(empty.rss)} MB empty → ${mb(filled.rss)} MB filled (heap ${mb(empty.heap)} → ${mb(filled.heap)} MB).`,
    '',
    '| Download | Client | Size MB | Seconds | RSS before MB | RSS peak MB | Peak − before MB | Heap + buffers peak MB |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| \`${r.path}\` | ${r.limitRate ? `${r.limitRate}B/s` : 'unlimited'} | ${mb(r.bytes)} | ${(r.ms / 1000).toFixed(1)} | ${mb(r.before.rss)} | ${mb(r.peak.rss)} | ${mb(r.peak.rss - r.before.rss)} | ${mb(r.peak.heap)} |`,
    ),
  ];
  const md = lines.join('\n');
  console.log(md);
  if (process.argv.includes('--write'))
    writeSection('monitor-exports', `### Monitor: exports at ${ROWS.toLocaleString('en')} rows\n\n${md}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
