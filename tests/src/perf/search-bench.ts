// Search latency at the scale benchmark's size (issue 19): BENCH_SEARCH_ENTERPRISES (default 10,000,
// scale-bench's BENCH_SCALE_ENTERPRISES) profiles are written straight into a fresh database on the
// store at MONGO_URL, with their search keys, and the finance centre's enterprise list is asked
// through the enterprise service's own use-case and repository (data/enterprise-search.ts), first
// page of 20 with its total, as the gateway's REST call would. For comparison, the same name
// search as a plain $regex. Needs only the store:
//   npx tsc -b tests && MONGO_URL=mongodb://127.0.0.1:27517/ node tests/dist/perf/search-bench.js
import { performance } from 'node:perf_hooks';
import { UNPROFILED } from '@yinqi/contracts';
import { connectDatabase, mongoose, SearchIndex } from '@yinqi/db';
import { freshDatabaseName, infraUrls } from '@yinqi/testing';
import { searchableEnterprises } from '../../../services/enterprise/dist/data/enterprise-search';
import { enterpriseModels } from '../../../services/enterprise/dist/data/models';
import { enterpriseRepository } from '../../../services/enterprise/dist/data/repository';
import { listEnterprises } from '../../../services/enterprise/dist/domain/read-enterprises';
import { fmt, loadAverage, machine, markdownTable, percentile, writeSection } from './performance-report';

const N = Number(process.env.BENCH_SEARCH_ENTERPRISES ?? 10_000);
const REPS = Number(process.env.BENCH_SEARCH_REPS ?? 20);

const CHARS = '锦华鑫瑞恒泰宏达盛源兴隆永安福祥天成嘉德和润金鼎博远创新智能精工科技明辉海川云峰卓越腾飞汇通';
const TRADES = ['五金工具', '机械制造', '电子科技', '新材料', '汽车零部件', '生物医药', '食品加工', '软件开发'];
const TOWNS = ['龙水镇', '宝顶镇', '龙岗街道', '棠香街道', '邮亭镇', '万古镇'];

function aProfile(i: number) {
  const c = (k: number) => CHARS[(i * 7 + k * 13 + Math.floor(i / CHARS.length) * k) % CHARS.length]!;
  const trade = TRADES[i % TRADES.length]!;
  return {
    _id: `ent-${String(i).padStart(6, '0')}`,
    name: i === Math.floor(N / 2) ? '重庆锐锋五金工具有限公司' : `重庆${c(1)}${c(2)}${c(3)}${trade}有限公司`,
    uscc: `91500111${String(i).padStart(6, '0')}MA${i % 10}`,
    industry: trade.slice(0, 2),
    town: TOWNS[i % TOWNS.length]!,
    ...UNPROFILED,
    certifications: [],
    bankIds: [],
    guarantorIds: [],
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    version: 1,
    outbox: [],
  };
}

async function main() {
  const conn = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('searchbench') });
  const models = enterpriseModels(conn);
  await Promise.all([models.Enterprise.init(), models.Demand.init()]);
  const search = searchableEnterprises(enterpriseRepository(models), models);
  const index = new SearchIndex(conn.db!, 'enterprise_search_keys');
  await index.ensureIndexes();
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, N - i) }, (_, k) => aProfile(i + k));
    await models.Enterprise.collection.insertMany(batch as never[]);
    await index.indexNew(batch.map((b) => ({ _id: b._id, text: b.name })));
  }
  const seedS = (performance.now() - t0) / 1000;
  const finance = { userId: 'bench', role: 'FINANCE_CENTER' as const };
  const list = (args: Record<string, string>) => listEnterprises({ repo: search.repo }, finance, { ...args, first: '20' });
  const raw = models.Enterprise.collection as unknown as mongoose.mongo.Collection;

  const cases: [string, () => Promise<{ totalCount: number } | unknown[]>][] = [
    ['search "锐锋" (rare pair)', () => list({ search: '锐锋' })],
    ['search "锐锋五金" (three pairs)', () => list({ search: '锐锋五金' })],
    [`search a USCC prefix (14 characters)`, () => list({ search: aProfile(4242).uscc.slice(0, 14) })],
    ['search "五金" (1 in 8 names)', () => list({ search: '五金' })],
    ['search "五金" + town', () => list({ search: '五金', town: TOWNS[0]! })],
    ['town only', () => list({ town: TOWNS[1]! })],
    ['search "有限公司" (every name holds it)', () => list({ search: '有限公司' })],
    ['search "锐" (one character)', () => list({ search: '锐' })],
    [
      'for comparison: $regex "锐锋" on name',
      () =>
        raw
          .find({ name: { $regex: '锐锋' } })
          .limit(20)
          .toArray(),
    ],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, run] of cases) {
    const first = await run();
    const times: number[] = [];
    for (let i = 0; i < REPS; i += 1) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const hits = Array.isArray(first) ? first.length : (first as { totalCount: number }).totalCount;
    rows.push([label, hits, fmt(percentile(times, 50), 1), fmt(percentile(times, 95), 1)]);
  }
  const report =
    `## Search\n\nThe finance centre's enterprise list with a search, ${N.toLocaleString('en')} enterprises (seeded with their keys in ` +
    `${fmt(seedS, 1)} s), ${REPS} runs each, first page of 20 with its total, through the enterprise service's use-case and ` +
    `repository on the local store.\n\n- Command: \`npx tsc -b tests && MONGO_URL=… node tests/dist/perf/search-bench.js\`\n` +
    `- Machine: ${machine()}, load ${loadAverage()}\n\n${markdownTable(['query', 'found', 'p50 ms', 'p95 ms'], rows)}\n`;
  process.stdout.write(report);
  writeSection('search', report);
  await conn.db!.dropDatabase();
  await conn.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
