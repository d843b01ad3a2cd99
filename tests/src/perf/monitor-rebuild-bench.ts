// Monitor replay-rebuild benchmark (`npm run bench:monitor-rebuild`, or with Kafka + FerretDB already
// up: `node tests/dist/perf/monitor-rebuild-bench.js`). Produces BENCH_EVENTS (10,000) realistic events
// of every family the monitor reads into fresh topics, starts the real monitor service on them (its
// first start reads them all: a build from nothing), then times POST /admin/rebuild — reset the read
// model and replay every topic from the beginning in a fresh consumer group, which is what
// `npm run monitor:rebuild` does. Writes its section of docs/PERFORMANCE.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createTokenService, newSessionId, resolveSigningKeys, resolveVerificationKeys } from '@yinqi/auth';
import { validateEvent, type EventEnvelope } from '@yinqi/contracts';
import { ensureTopics } from '@yinqi/events';
import { aDemand, anEnterprise, aPolicy, aProduct, infraUrls, waitFor } from '@yinqi/testing';
import { fmt, loadAverage, machine, markdownTable, REPO_ROOT, writeSection } from './performance-report';

const N = Number(process.env.BENCH_EVENTS ?? 10_000);
const PORT = Number(process.env.BENCH_MONITOR_PORT ?? 4299);
const stamp = `t${Date.now().toString(36)}`;
const run = randomBytes(3).toString('hex');
// Named like a test namespace: the launcher deletes these topics once they are an hour old.
const TOPIC_PREFIX = `yinqitest-${stamp}-benchmon-${run}`;
const DB_PREFIX = `yinqitest_${stamp}_benchmon_${run}`;
const FAMILIES = ['institution', 'enterprise', 'demand', 'product', 'match', 'loan', 'policy', 'listing', 'bond', 'equity', 'roadshow'];
const topic = (family: string) => `${TOPIC_PREFIX}.${family}`;

const TIERS = ['NONE', 'INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'] as const;
const INDUSTRIES = ['五金', '汽摩', '光电', '智能网联汽车', '锶盐新材料', '电梯', '专用车', '循环经济再制造'];
const t0 = Date.parse('2026-01-05T01:00:00.000Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();

type Produced = { family: string; event: EventEnvelope }[];
type Push = (family: string, type: string, key: string, version: number, data: Record<string, unknown>, when: string) => void;

/** The events produced so far, in order, and how one more is added. */
function eventLog(): { out: Produced; push: Push } {
  const out: Produced = [];
  const push: Push = (family, type, key, version, data, when) =>
    out.push({
      family,
      event: { id: randomUUID(), type, version, occurredAt: when, source: 'bench', key, correlationId: randomUUID(), data },
    });
  return { out, push };
}

/** Banks, the policy, `enterprises` registered and certified with a tier, and `products` products. */
function directory(push: Push, banks: number, enterprises: number, products: number): void {
  for (let b = 0; b < banks; b += 1)
    push(
      'institution',
      'institution.created',
      `bank-${b}`,
      1,
      { institutionId: `bank-${b}`, kind: 'BANK', name: `测试农商银行大足支行${b}` },
      at(0),
    );
  push(
    'policy',
    'policy.changed',
    'policy',
    1,
    { policy: aPolicy({ bridgeRequestWindowDays: 30, bridgeMaxWorkingDays: 10 }), changedBy: 'system', changedAt: at(0) },
    at(0),
  );
  for (let e = 0; e < enterprises; e += 1) {
    const id = `ent-${e}`;
    const snap = anEnterprise({
      enterpriseId: id,
      name: `重庆大足测试企业${e}有限公司`,
      industry: INDUSTRIES[e % INDUSTRIES.length]!,
      tier: TIERS[e % TIERS.length]!,
      whitelisted: e % 3 === 0,
      annualRevenue: 50_000_000,
    });
    push(
      'enterprise',
      'enterprise.registered',
      id,
      1,
      { enterpriseId: id, userId: `u-${e}`, name: snap.name, uscc: '91500111MA5U000000', industry: snap.industry, town: snap.town },
      at(e),
    );
    push(
      'enterprise',
      'enterprise.certified',
      id,
      2,
      { enterprise: snap, previousTier: 'NONE', certifiedBy: 'admin', certifiedAt: at(e + 1) },
      at(e + 1),
    );
  }
  for (let p = 0; p < products; p += 1) {
    const product = aProduct({
      productId: `prod-${p}`,
      bankId: `bank-${p % banks}`,
      name: `专精特新贷${p}`,
      minAmount: 100_000,
      annualRateMin: 3.2,
      annualRateMax: 4.5,
      policyTags: ['SRDI_LOAN'],
      createdAt: at(0),
    });
    push('product', 'product.published', `prod-${p}`, 1, { product }, at(0));
  }
}

/**
 * Demand `d` from posting on: matched, then (by d) answered, offered and accepted; an accepted one is
 * disbursed. Returns the loan when there is one.
 */
function demandJourney(push: Push, d: number, banks: number, enterprises: number) {
  const id = `dem-${d}`;
  const enterpriseId = `ent-${d % enterprises}`;
  const amount = 500_000 + (d % 20) * 100_000;
  const posted = 600 + d * 3;
  const demand = aDemand({ demandId: id, enterpriseId, amount, maxAnnualRate: null, needsGuarantee: d % 4 === 0, createdAt: at(posted) });
  const moved = (version: number, status: string, previousStatus: string, minutes: number) =>
    push('demand', 'demand.status-changed', id, version, { demand: { ...demand, status }, previousStatus }, at(posted + minutes));
  push('demand', 'demand.posted', id, 1, { demand }, at(posted));
  const mid = `mat-${d}`;
  const bankId = `bank-${d % banks}`;
  const match = {
    matchId: mid,
    demandId: id,
    enterpriseId,
    productId: `prod-${d % 100}`,
    bankId,
    score: 80,
    status: 'PROPOSED',
    offer: null as null | Record<string, unknown>,
    amount,
    needsGuarantee: demand.needsGuarantee,
    createdAt: at(posted + 1),
  };
  push('match', 'match.proposed', mid, 1, { match }, at(posted + 1));
  moved(2, 'MATCHED', 'OPEN', 1);
  if (d % 2 === 1) return null;
  push('match', 'match.responded', mid, 2, { match: { ...match, status: 'INTERESTED' } }, at(posted + 60 + (d % 50)));
  if (d % 10 >= 6) return null;
  const offer = { amount, annualRate: 3.6, termMonths: 12, conditions: null };
  push('match', 'match.offered', mid, 3, { match: { ...match, status: 'OFFERED', offer } }, at(posted + 120));
  moved(3, 'OFFERED', 'MATCHED', 120);
  if (d % 10 >= 4) return null;
  push('match', 'match.accepted', mid, 4, { match: { ...match, status: 'ACCEPTED', offer } }, at(posted + 180));
  moved(4, 'ACCEPTED', 'OFFERED', 180);
  const guaranteed = demand.needsGuarantee;
  return {
    loanId: `loan-${d}`,
    matchId: mid,
    demandId: id,
    enterpriseId,
    bankId,
    amount,
    annualRate: 3.6,
    termMonths: 12,
    repaymentMethod: 'EQUAL_INSTALLMENT',
    disbursedAt: at(posted + 240),
    maturityDate: at(posted + 240 + 365 * 1440),
    outstandingPrincipal: amount,
    status: 'ACTIVE',
    guaranteeFeeRate: guaranteed ? 0.8 + (d % 5) / 10 : null,
    coverageRatio: guaranteed ? 80 : null,
    riskShare: guaranteed ? { guarantor: 50, bank: 20, government: 30 } : null,
  };
}

/** The `loans`-th loan (of demand `d`, posted at minute `posted`): disbursed, one repayment, and every fourth a relief decided. */
function loanLife(push: Push, loan: { loanId: string; amount: number }, loans: number, d: number, posted: number): void {
  const { loanId, amount } = loan;
  push('loan', 'loan.disbursed', loanId, 1, { loan }, at(posted + 240));
  push(
    'loan',
    'loan.repaid',
    loanId,
    2,
    { loan: { ...loan, outstandingPrincipal: amount - 80_000 }, amount: 90_000, paidAt: at(posted + 240 + 30 * 1440) },
    at(posted + 240 + 30 * 1440),
  );
  if (loans % 4 !== 0) return;
  const relief = { reliefId: `rel-${d}`, kind: 'DEFERRAL', status: 'PENDING', months: 3, amount: null };
  push('loan', 'loan.relief-requested', loanId, 3, { loan, relief }, at(posted + 300));
  push(
    'loan',
    'loan.relief-decided',
    loanId,
    4,
    { loan, relief: { ...relief, status: d % 8 === 0 ? 'APPROVED' : 'DECLINED' } },
    at(posted + 360),
  );
}

/** Follow-ups fill the rest up to `total`: each is a newer version of a loan (the monitor stores it; nothing moves). */
function followUps(out: Produced, push: Push, total: number): void {
  let k = 0;
  const loanIds = out.filter((x) => x.event.type === 'loan.disbursed').map((x) => x.event.key);
  const versions = new Map<string, number>();
  for (const x of out) if (x.family === 'loan') versions.set(x.event.key, Math.max(versions.get(x.event.key) ?? 0, x.event.version));
  while (out.length < total) {
    const key = loanIds[k % loanIds.length]!;
    const base = out.find((x) => x.event.key === key && x.event.type === 'loan.disbursed')!.event.data as { loan: Record<string, unknown> };
    const v = (versions.get(key) ?? 1) + 1;
    versions.set(key, v);
    push('loan', 'loan.followed-up', key, v, { loan: base.loan, riskLevel: 'LOW', at: at(100_000 + k) }, at(100_000 + k));
    k += 1;
  }
}

/** A realistic mix: banks, enterprises with tiers, products, demands and their matches, loans with repayments and reliefs. */
function events(total: number): Produced {
  const { out, push } = eventLog();
  const scale = total / 10_000;
  const banks = 5;
  const enterprises = Math.round(300 * scale);
  const demands = Math.round(2_000 * scale);
  directory(push, banks, enterprises, Math.ceil(100 * scale));
  let loans = 0;
  for (let d = 0; d < demands; d += 1) {
    const loan = demandJourney(push, d, banks, enterprises);
    if (!loan) continue;
    loans += 1;
    loanLife(push, loan, loans, d, 600 + d * 3);
  }
  followUps(out, push, total);
  return out.slice(0, total);
}

/** Produces every event into its family's fresh topic, 500 at a time; the time it took in ms. */
async function produceAll(kafka: Kafka, all: Produced): Promise<number> {
  await ensureTopics(
    kafka,
    FAMILIES.flatMap((f) => [topic(f), `${topic(f)}.dlq`]),
    { numPartitions: 3 },
  );
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const tProduce = Date.now();
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const x of chunk)
      byTopic.set(topic(x.family), [...(byTopic.get(topic(x.family)) ?? []), { key: x.event.key, value: JSON.stringify(x.event) }]);
    await producer.sendBatch({ topicMessages: [...byTopic.entries()].map(([t, messages]) => ({ topic: t, messages })) });
  }
  await producer.disconnect();
  return Date.now() - tProduce;
}

type MonitorStatus = {
  caughtUp: boolean;
  seen: number;
  rebuilding: boolean;
  lastRebuild: { events: number; facts: number; ms: number } | { error: string } | null;
  facts: Record<string, number>;
  heapUsedBytes: number;
};

/** A finance-centre token the monitor accepts: the bench runs it alone, on the local dev keys (it plays identity's part here). */
function financeCentreToken(env: NodeJS.ProcessEnv): string {
  const signing = resolveSigningKeys(env);
  return createTokenService(
    { issuer: 'yinqi-identity', audience: 'yinqi', ttlSeconds: 3600, maxSessionSeconds: 3600 },
    signing[0]!,
    resolveVerificationKeys(env, signing),
  ).issue({ userId: 'bench', role: 'FINANCE_CENTER' }, { sessionId: newSessionId(), sessionStartedAt: Math.floor(Date.now() / 1000) });
}

/** Waits for the monitor's first build (started at `tStart`), then times a rebuild and a dashboard read after it. */
async function timeRebuild(base: string, token: string, tStart: number) {
  const status = async () =>
    (await (await fetch(`${base}/admin/status`, { headers: { authorization: `Bearer ${token}` } })).json()) as MonitorStatus;
  await waitFor(
    async () => {
      const st = await status();
      return !st.rebuilding && st.caughtUp && st.seen >= N;
    },
    { timeoutMs: 900_000, intervalMs: 200, message: 'the first build' },
  );
  const firstBuildMs = Date.now() - tStart;
  const t = Date.now();
  const res = await fetch(`${base}/admin/rebuild?wait=false`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 202) throw new Error(`rebuild refused: ${res.status} ${await res.text()}`);
  const rebuild = await waitFor(
    async () => {
      const st = await status();
      return !st.rebuilding && st.lastRebuild && 'ms' in st.lastRebuild
        ? st.lastRebuild
        : st.lastRebuild && 'error' in st.lastRebuild
          ? Promise.reject(new Error(st.lastRebuild.error))
          : null;
    },
    { timeoutMs: 1_800_000, intervalMs: 500, message: 'the rebuild' },
  );
  const roundTripMs = Date.now() - t;
  global.gc?.();
  const s = await status();
  const tDash = Date.now();
  await fetch(`${base}/dashboard`, { headers: { authorization: `Bearer ${token}` } });
  const dashboardMs = Date.now() - tDash;
  return { firstBuildMs, rebuild, roundTripMs, s, facts: Object.values(s.facts).reduce((a, b) => a + b, 0), dashboardMs };
}

/** This benchmark's section of docs/PERFORMANCE.md. */
function report(counts: Map<string, number>, produceMs: number, timed: Awaited<ReturnType<typeof timeRebuild>>): string {
  const { firstBuildMs, rebuild, roundTripMs, s, facts, dashboardMs } = timed;
  const rows = [
    ['events in the topics', fmt(rebuild.events)],
    ['facts built (one per aggregate)', fmt(facts)],
    ['produce 10,000 events (kafkajs, batches of 500)', `${fmt(produceMs / 1000, 1)} s`],
    ['first start of an empty monitor: process start + build (same fast path as a rebuild)', `${fmt(firstBuildMs / 1000, 1)} s`],
    [
      '**rebuild: reset + replay from the beginning (fresh group)**',
      `**${fmt(rebuild.ms / 1000, 1)} s** (${fmt((rebuild.events / rebuild.ms) * 1000)} events/s)`,
    ],
    ['rebuild seen from outside (POST, then polling /admin/status)', `${fmt(roundTripMs / 1000, 1)} s`],
    ['GET /dashboard (all time) after the rebuild', `${dashboardMs} ms`],
    ['monitor heap used after the rebuild', `${fmt(s.heapUsedBytes / 1_048_576, 1)} MB`],
  ];
  return [
    '## Monitor: replay rebuild of the read model',
    '',
    `\`npm run bench:monitor-rebuild\` (or \`node tests/dist/perf/monitor-rebuild-bench.js\` with Kafka and FerretDB up; \`BENCH_EVENTS\` sets the count). ${new Date().toISOString().slice(0, 10)}, ${machine()}, load average ${loadAverage()} (1 / 5 / 15 min; anything else running on the machine shows here).`,
    `${fmt(N)} events of the identity, enterprise, product, demand, match, loan and policy families (no capital-markets events; ${[...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}) produced into fresh topics; the real monitor service (services/monitor) on FerretDB. The rebuild is what \`npm run monitor:rebuild\` asks the running monitor to do: empty the fact collections and memory, then read every topic from the beginning in a new consumer group, replayed into memory, then the facts inserted in batches of 90 (one upsert per event, the live path, is ~40 ms on this FerretDB).`,
    '',
    markdownTable(['step', 'result'], rows),
    '',
    "Where the time goes: the replay itself (validation + projection, one message at a time) is fast; most of the rest is the bulk insert of the facts into FerretDB and polling the group's committed offsets. Live, each event that changes a fact costs one upsert by `_id` (~40 ms on this shared FerretDB, a few ms unloaded).",
  ].join('\n');
}

async function main() {
  const { brokers, mongoUrl } = infraUrls();
  const kafka = new Kafka({ brokers, clientId: 'bench-monitor', logLevel: logLevel.NOTHING });
  const all = events(N);
  for (const x of all) validateEvent(x.event); // every event is one the monitor accepts
  const counts = new Map<string, number>();
  for (const x of all) counts.set(x.event.type, (counts.get(x.event.type) ?? 0) + 1);
  const produceMs = await produceAll(kafka, all);
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(PORT),
    MONGO_URL: mongoUrl,
    KAFKA_BROKERS: brokers.join(','),
    YINQI_TOPIC_PREFIX: TOPIC_PREFIX,
    YINQI_DB_PREFIX: DB_PREFIX,
    LOG_LEVEL: 'info',
  };
  const token = financeCentreToken(env);
  const log = openSync(path.join(REPO_ROOT, '.data/logs', `monitor.bench-${PORT}.log`), 'a');
  const tStart = Date.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'services/monitor/dist/main.js')], {
    env,
    stdio: ['ignore', log, log],
  });
  try {
    const md = report(counts, produceMs, await timeRebuild(`http://127.0.0.1:${PORT}`, token, tStart));
    writeSection('monitor-rebuild', md);
    process.stdout.write(`${md}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const admin = kafka.admin();
    await admin.connect();
    // Every topic of the bench's prefix (the monitor also created the other families' topics at start).
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${TOPIC_PREFIX}.`));
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`monitor rebuild bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
