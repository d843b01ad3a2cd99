// Demand posted → first match visible through the gateway (DESIGN.md "Performance targets": p50 < 150 ms,
// p99 < 500 ms at 50 demands/s with 1,000 published products). Run by `npm run bench:latency`, which starts
// a fresh stack and sets GATEWAY_URL; everything here goes through the gateway's public GraphQL API, like
// a client would, so the number includes every hop a real enterprise waits for.
//
// Open loop: a new demand starts every 1000/rate ms whatever happened to the earlier ones, because a
// closed loop slows itself down when the system does and hides the queueing we are looking for.
// The same run measures `{ me { id } }` at the same rate (the gateway's own round trip) so the
// matching part reads as a difference, and reads the server timestamps (demand and match createdAt,
// same host clock) afterwards to split the wait into "event path until the match is stored" and
// "stored until the poll sees it".
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { aUscc, anEmail, gql, readSseJson, seededRandom, type GraphQLResult } from '@yinqi/testing';
import { fmt, machine, markdownTable, percentile, PERFORMANCE_DOC, reproduceCommand, writeSection } from './performance-report';

const intEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

const RATES = (process.env.BENCH_RATES ?? '10,50').split(',').map((s) => Number(s.trim()));
if (RATES.some((r) => !Number.isFinite(r) || r <= 0))
  throw new Error('BENCH_RATES must be a comma-separated list of positive rates (demands/s)');
const DEMANDS_PER_RATE = intEnv('BENCH_DEMANDS', 200);
const PRODUCTS = intEnv('BENCH_PRODUCTS', 1_000);
const ENTERPRISES = intEnv('BENCH_ENTERPRISES', 50);
const POLL_MS = intEnv('BENCH_POLL_MS', 10);
/**
 * How "visible" is observed. `subscription` (default): each enterprise holds the `matchEvents`
 * subscription open (SSE, as the web console does) and a demand's first match is the first event
 * naming it. `poll`: `demand(id){ matches { id } }` every BENCH_POLL_MS until one comes back — at
 * 10 ms and dozens of demands waiting, the polls alone were about half of this 2-core machine.
 */
const VISIBLE = process.env.BENCH_VISIBLE ?? 'subscription';
if (VISIBLE !== 'subscription' && VISIBLE !== 'poll') throw new Error('BENCH_VISIBLE must be subscription or poll');
const SEED = intEnv('BENCH_SEED', 2026);
const KNOBS = ['BENCH_RATES', 'BENCH_DEMANDS', 'BENCH_PRODUCTS', 'BENCH_ENTERPRISES', 'BENCH_VISIBLE', 'BENCH_POLL_MS', 'BENCH_SEED'];

const BANKS = 5;
const MATCH_TIMEOUT_MS = 10_000;
/** Products with no list restrictions and wide ranges, so every demand has at least these to match. */
const OPEN_PRODUCTS_PER_BANK = 2;
/** Posted one at a time after the set-up: they warm the demand path and prove the matcher holds every product. */
const WARM_UP_DEMANDS = 2;
/**
 * The set-up waits for the matcher as long as it makes progress: on FerretDB each product event
 * costs the matcher a scan of every product it already holds, so the last ones are the slowest.
 */
const SETUP_STALL_MS = 300_000;
/** How long the run waits for every eligible match to be written after a phase, before the next one starts. */
const DRAIN_TIMEOUT_MS = 60_000;
/** No new match written for this long while some are still due: the pipeline is stuck, not slow. */
const STALL_MS = 20_000;
/** Whatever happens, the process ends: a wedged stack must not leave a benchmark hanging in CI. */
const WATCHDOG_MS = 45 * 60_000;
/** The enterprise service is still folding match events into demands when the last match is stored. */
const SETTLE_MS = 3_000;

const RUN = randomBytes(3).toString('hex');
const PASSWORD = 'correct-horse-battery';

const INDUSTRIES = ['五金', '汽摩配件', '静电', '电子信息', '生物医药', '新材料', '智能装备', '食品加工', '纺织服装', '软件和信息服务'];
const TOWNS = ['龙水镇', '邮亭镇', '双桥街道', '龙岗街道', '棠香街道', '宝顶镇'];
const TIERS = ['INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION'];
const PURPOSES = ['WORKING_CAPITAL', 'TECH_UPGRADE', 'RND', 'EQUIPMENT', 'BRIDGE', 'PRE_IPO'];
const COLLATERALS = ['CREDIT', 'MORTGAGE', 'IP_PLEDGE', 'RECEIVABLES', 'GUARANTEE'];
const POLICY_TAGS = ['SRDI_LOAN', 'RELENDING', 'REDISCOUNT', 'RENEWAL_WITHOUT_REPAYMENT', 'WHITELIST', 'GOV_BANK_GUARANTEE'];
const BANK_NAMES = ['重庆农村商业银行大足支行', '中国建设银行大足支行', '中国工商银行大足支行', '重庆银行大足支行', '中国农业银行大足支行'];
const PRODUCT_NAMES = [
  '专精特新贷',
  '科创贷',
  '知识产权质押贷',
  '应收账款融资',
  '设备按揭贷',
  '税易贷',
  '研发贷',
  '小巨人贷',
  '技改贷',
  '订单贷',
  '续贷通',
  '政银担保贷',
];

const POST_DEMAND = 'mutation($input:DemandInput!){ postDemand(input:$input){ id createdAt } }';
const POLL = 'query($id:ID!){ demand(id:$id){ matches { id } } }';
const ME = '{ me { id } }';
/** Demands per read-back request: one request is one matches lookup in the matching service (the gateway batches them), within the gateway's alias limit. */
const READ_BACK_BATCH = 10;

// ---------------------------------------------------------------------------------------------
// Test data. Seeded, so two runs post the same products and demands and their numbers compare.

type Rng = ReturnType<typeof seededRandom>;
const round2 = (x: number) => Math.round(x * 100) / 100;

interface ProductSpec {
  name: string;
  minAmount: number;
  maxAmount: number;
  minTermMonths: number;
  maxTermMonths: number;
  annualRateMin: number;
  annualRateMax: number;
  eligibleTiers: string[];
  industries: string[];
  purposes: string[];
  collateralAccepted: string[];
  requiresWhitelist: boolean;
  requiresGuarantee: boolean;
  rdUpliftThreshold?: number;
  rdUpliftRatio?: number;
  policyTags: string[];
}

/**
 * A product shelf shaped like a district's 金融产品超市: most products name who they are for
 * (tiers, industries, purposes, collateral) and the amounts and terms they lend; a few per bank
 * are broad 普惠 products that take anyone, which is what guarantees every demand a match.
 */
function productSpec(r: Rng, open: boolean): ProductSpec {
  if (open) {
    const annualRateMin = round2(r.between(3.2, 3.9));
    return {
      name: `普惠小微信用贷（不限行业）`,
      minAmount: 100_000,
      maxAmount: 50_000_000,
      minTermMonths: 1,
      maxTermMonths: 120,
      annualRateMin,
      annualRateMax: round2(annualRateMin + 1.5),
      eligibleTiers: [],
      industries: [],
      purposes: [],
      collateralAccepted: [],
      requiresWhitelist: false,
      requiresGuarantee: false,
      policyTags: ['RELENDING'],
    };
  }
  const minAmount = r.pick([100_000, 300_000, 500_000, 1_000_000, 2_000_000, 5_000_000]);
  const minTermMonths = r.pick([1, 3, 6, 12]);
  const annualRateMin = round2(r.between(2.6, 5.5));
  const uplift = r.chance(0.2);
  return {
    name: r.pick(PRODUCT_NAMES),
    minAmount,
    maxAmount: Math.min(minAmount * r.pick([5, 10, 20, 50]), 2_000_000_000),
    minTermMonths,
    maxTermMonths: Math.max(minTermMonths, r.pick([12, 24, 36, 60])),
    annualRateMin,
    annualRateMax: round2(annualRateMin + r.between(0.5, 3)),
    eligibleTiers: r.chance(0.35) ? [] : r.some(TIERS, 1, 3),
    industries: r.chance(0.4) ? [] : r.some(INDUSTRIES, 1, 3),
    purposes: r.chance(0.4) ? [] : r.some(PURPOSES, 1, 3),
    collateralAccepted: r.chance(0.4) ? [] : r.some(COLLATERALS, 1, 3),
    requiresWhitelist: r.chance(0.15),
    requiresGuarantee: r.chance(0.1),
    ...(uplift ? { rdUpliftThreshold: r.pick([500_000, 1_000_000, 2_000_000]), rdUpliftRatio: r.pick([0.2, 0.3, 0.5]) } : {}),
    policyTags: r.some(POLICY_TAGS, 0, 2),
  };
}

interface DemandSpec {
  amount: number;
  termMonths: number;
  purpose: string;
  collateral: string;
  maxAnnualRate: number | null;
  needsGuarantee: boolean;
  description: string;
}

function demandSpec(r: Rng): DemandSpec {
  // Log-uniform 300k–30M yuan: many small working-capital loans, fewer large ones.
  const amount = Math.round(Math.exp(r.between(Math.log(300_000), Math.log(30_000_000))) / 10_000) * 10_000;
  const collateral = r.next();
  return {
    amount,
    termMonths: r.pick([3, 6, 12, 12, 12, 18, 24, 36, 60]),
    purpose: r.pick(PURPOSES),
    collateral:
      collateral < 0.35
        ? 'CREDIT'
        : collateral < 0.55
          ? 'MORTGAGE'
          : collateral < 0.7
            ? 'IP_PLEDGE'
            : collateral < 0.9
              ? 'RECEIVABLES'
              : 'GUARANTEE',
    maxAnnualRate: r.chance(0.3) ? null : round2(r.between(4.0, 6.5)),
    needsGuarantee: r.chance(0.2),
    description: r.pick(['采购原材料', '新建生产线', '研发投入', '购置数控设备', '支付货款', '到期贷款周转']),
  };
}

/**
 * The contract's eligibility rules for the enterprises this benchmark registers (tier NONE, not on
 * the white list, no R&D filing, so no uplift): lets the run know how many matches each demand
 * must end with, which is how it tells that the matcher has every product and that a phase drained.
 */
function eligible(p: ProductSpec, d: DemandSpec, industry: string): boolean {
  const allows = (list: string[], v: string) => list.length === 0 || list.includes(v);
  return (
    p.minAmount <= d.amount &&
    d.amount <= p.maxAmount &&
    p.minTermMonths <= d.termMonths &&
    d.termMonths <= p.maxTermMonths &&
    allows(p.eligibleTiers, 'NONE') &&
    allows(p.industries, industry) &&
    allows(p.purposes, d.purpose) &&
    allows(p.collateralAccepted, d.collateral) &&
    !p.requiresWhitelist &&
    (d.maxAnnualRate === null || p.annualRateMin <= d.maxAnnualRate)
  );
}

// ---------------------------------------------------------------------------------------------
// Plumbing.

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function must<T>(r: GraphQLResult<T>, what: string): T {
  if (!r.data || r.errors?.length) throw new Error(`${what} failed (HTTP ${r.status}): ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Runs `fn` over `items`, `concurrency` at a time (set-up only: it must not swamp the stack it measures). */
async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}

/**
 * Starts `fire(i)` at t0 + i/rate whatever the earlier calls are doing. Returns the results and how
 * late the starts were: a late start means the client itself could not keep the rate.
 */
async function openLoop<R>(
  rate: number,
  count: number,
  fire: (i: number) => Promise<R>,
): Promise<{ results: R[]; lateMaxMs: number; seconds: number; startRate: number }> {
  const interval = 1000 / rate;
  const t0 = performance.now() + 20;
  const inFlight: Promise<R>[] = [];
  let lateMaxMs = 0;
  let firstAt = 0;
  let lastAt = 0;
  for (let i = 0; i < count; i += 1) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    lastAt = performance.now();
    if (i === 0) firstAt = lastAt;
    lateMaxMs = Math.max(lateMaxMs, lastAt - due);
    inFlight.push(fire(i));
  }
  const results = await Promise.all(inFlight);
  // The rate the requests were started at (what the open loop promises), not completions per second.
  const startRate = count > 1 ? (count - 1) / ((lastAt - firstAt) / 1000) : NaN;
  return { results, lateMaxMs, seconds: (performance.now() - t0) / 1000, startRate };
}

/** One timed request; null when it failed (network error, HTTP error or GraphQL error). */
async function timed(query: string, variables: Record<string, unknown>, token: string): Promise<number | null> {
  const t = performance.now();
  try {
    const r = await gql(query, variables, token);
    return r.data && !r.errors?.length ? performance.now() - t : null;
  } catch {
    return null;
  }
}

interface Distribution {
  n: number;
  failures: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Failures count as slower than anything measured, so a percentile that lands on one says so. */
function distribution(values: readonly (number | null)[]): Distribution {
  const sorted = values.map((v) => v ?? Infinity).sort((a, b) => a - b);
  return {
    n: values.length,
    failures: values.filter((v) => v === null).length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

const ms = (v: number) => (v === Infinity ? `> ${fmt(MATCH_TIMEOUT_MS)}` : fmt(v));
const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

// ---------------------------------------------------------------------------------------------
// Actors, through the public API only.

interface Enterprise {
  token: string;
  industry: string;
}

async function signInAdmin(): Promise<string> {
  const email = process.env.ADMIN_EMAIL ?? 'admin@yinqi.local';
  const password = process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026';
  return must(
    await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
      e: email,
      p: password,
    }),
    'admin login',
  ).login.token;
}

async function createBankOfficer(admin: string, name: string): Promise<string> {
  const bank = must(
    await gql<{ createInstitution: { id: string } }>(
      'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
      { input: { kind: 'BANK', name } },
      admin,
    ),
    'createInstitution',
  ).createInstitution;
  const email = anEmail('bench-officer');
  must(
    await gql(
      'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
      { input: { email, password: PASSWORD, role: 'BANK_OFFICER', institutionId: bank.id } },
      admin,
    ),
    'createUser',
  );
  return must(
    await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
      e: email,
      p: PASSWORD,
    }),
    'officer login',
  ).login.token;
}

async function registerEnterprise(i: number): Promise<Enterprise> {
  const industry = INDUSTRIES[i % INDUSTRIES.length]!;
  const town = TOWNS[i % TOWNS.length]!;
  const input = {
    email: anEmail('bench-ent'),
    password: PASSWORD,
    name: `重庆${town}${industry}科技有限公司（${RUN}-${i}）`,
    uscc: aUscc(),
    industry,
    town,
  };
  const r = must(
    await gql<{ registerEnterprise: { token: string } }>(
      'mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token } }',
      { input },
    ),
    'registerEnterprise',
  );
  return { token: r.registerEnterprise.token, industry };
}

// ---------------------------------------------------------------------------------------------
// Measurements.

interface PlannedDemand {
  enterprise: Enterprise;
  input: DemandSpec;
  expected: number;
}

interface DemandSample {
  planned: PlannedDemand;
  id?: string;
  error?: string;
  /** postDemand round trip. */
  postMs?: number;
  /** postDemand returned → a poll returned ≥ 1 match; null: not within MATCH_TIMEOUT_MS (or never posted). */
  latencyMs: number | null;
  polls: number;
  pollErrors: number;
  demandCreatedAt?: number;
  postReturnedAt?: number;
  seenAt?: number;
  /** From the drain read: first and last match createdAt, and how many matches there were. */
  firstWrittenAt?: number;
  lastWrittenAt?: number;
  matchCount?: number;
}

const FEED = 'subscription { matchEvents { type match { id demand { id } } } }';

/**
 * The `matchEvents` subscriptions of the phase's enterprises (one SSE stream each, like a browser
 * tab of the web console): when the first event naming each demand arrived.
 */
class MatchFeeds {
  private readonly firstSeen = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly controller = new AbortController();
  private readonly pumps: Promise<void>[] = [];
  errors = 0;

  async open(tokens: string[]): Promise<void> {
    const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
    await Promise.all(
      tokens.map(async (token) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: FEED }),
          signal: this.controller.signal,
        });
        if (res.status !== 200 || !res.body) throw new Error(`matchEvents subscription: HTTP ${res.status}`);
        this.pumps.push(
          readSseJson(res.body, (payload: { errors?: unknown; data?: { matchEvents?: { match: { demand: { id: string } } } } }) =>
            this.onPayload(payload),
          ).catch(() => undefined),
        );
      }),
    );
  }

  private onPayload(payload: { errors?: unknown; data?: { matchEvents?: { match: { demand: { id: string } } } } }): void {
    if (payload.errors) this.errors += 1;
    const demandId = payload.data?.matchEvents?.match.demand.id;
    if (demandId && !this.firstSeen.has(demandId)) {
      const at = performance.now();
      this.firstSeen.set(demandId, at);
      this.waiters.get(demandId)?.(at);
    }
  }

  /** When the first event for this demand arrived (performance.now()), or null after `timeoutMs`. */
  firstEvent(demandId: string, timeoutMs: number): Promise<number | null> {
    const seen = this.firstSeen.get(demandId);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(demandId);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(demandId, (at) => {
        clearTimeout(timer);
        this.waiters.delete(demandId);
        resolve(at);
      });
    });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.pumps);
  }
}

async function postAndWatch(planned: PlannedDemand, feeds: MatchFeeds | null): Promise<DemandSample> {
  const sample: DemandSample = { planned, latencyMs: null, polls: 0, pollErrors: 0 };
  const t0 = performance.now();
  let posted: GraphQLResult<{ postDemand: { id: string; createdAt: string } }>;
  try {
    posted = await gql(POST_DEMAND, { input: planned.input }, planned.enterprise.token);
  } catch (err) {
    sample.error = `postDemand: ${(err as Error).message}`;
    return sample;
  }
  const returned = performance.now();
  sample.postReturnedAt = Date.now();
  sample.postMs = returned - t0;
  if (!posted.data || posted.errors?.length) {
    sample.error = `postDemand: HTTP ${posted.status} ${JSON.stringify(posted.errors)}`;
    return sample;
  }
  sample.id = posted.data.postDemand.id;
  sample.demandCreatedAt = Date.parse(posted.data.postDemand.createdAt);
  const deadline = returned + MATCH_TIMEOUT_MS;
  if (feeds) {
    const at = await feeds.firstEvent(sample.id, MATCH_TIMEOUT_MS);
    if (at !== null) {
      // An event can beat postDemand's own answer back to the client: that is a wait of 0.
      sample.latencyMs = Math.max(0, at - returned);
      sample.seenAt = Date.now() - (performance.now() - Math.max(at, returned));
    }
    return sample;
  }
  for (;;) {
    sample.polls += 1;
    try {
      const r = await gql<{ demand: { matches: { id: string }[] } | null }>(POLL, { id: sample.id }, planned.enterprise.token);
      if (r.errors?.length) sample.pollErrors += 1;
      if ((r.data?.demand?.matches.length ?? 0) >= 1) {
        const now = performance.now();
        if (now - returned <= MATCH_TIMEOUT_MS) {
          sample.latencyMs = now - returned;
          sample.seenAt = Date.now();
        }
        return sample;
      }
    } catch {
      sample.pollErrors += 1;
    }
    if (performance.now() >= deadline) return sample;
    await sleep(POLL_MS);
  }
}

/**
 * Waits until every demand has all the matches it is eligible for (the matcher is done with them,
 * so the next phase starts on a quiet system) and records when the first and last were written.
 */
let readBackErrorShown = false;

/**
 * Reads the matches' createdAt of many demands, as the finance centre, a batch per request. Stops
 * at `deadline`: an overloaded matching service answers each request only after the gateway's
 * timeout and retries, and a round over every demand would then take minutes.
 */
async function readBack(samples: DemandSample[], admin: string, deadline = Infinity): Promise<number> {
  let answered = 0;
  for (let i = 0; i < samples.length && performance.now() < deadline; i += READ_BACK_BATCH) {
    const batch = samples.slice(i, i + READ_BACK_BATCH);
    const query = `query(${batch.map((_, j) => `$d${j}:ID!`).join(',')}){ ${batch.map((_, j) => `d${j}: demand(id:$d${j}){ matches { createdAt } }`).join(' ')} }`;
    const r = await gql<Record<string, { matches: { createdAt: string }[] } | null>>(
      query,
      Object.fromEntries(batch.map((s, j) => [`d${j}`, s.id])),
      admin,
    ).catch(() => null);
    if (r?.errors?.length && !readBackErrorShown) {
      readBackErrorShown = true;
      process.stdout.write(`  read-back error (shown once): ${JSON.stringify(r.errors).slice(0, 300)}\n`);
    }
    batch.forEach((s, j) => {
      const matches = r?.data?.[`d${j}`]?.matches;
      if (!matches) return;
      answered += 1;
      const times = matches.map((m) => Date.parse(m.createdAt));
      s.matchCount = matches.length;
      if (times.length) {
        s.firstWrittenAt = Math.min(...times);
        s.lastWrittenAt = Math.max(...times);
      }
    });
  }
  return answered;
}

async function drain(
  samples: DemandSample[],
  admin: string,
  timeoutMs = DRAIN_TIMEOUT_MS,
): Promise<{ seconds: number; incomplete: number; stalled: boolean }> {
  const t0 = performance.now();
  let pending = samples.filter((s) => s.id);
  let written = -1;
  let progressAt = t0;
  let stalled = false;
  while (pending.length > 0 && performance.now() - t0 < timeoutMs) {
    const answered = await readBack(pending, admin, t0 + timeoutMs);
    pending = pending.filter((s) => (s.matchCount ?? 0) < s.planned.expected);
    const now = samples.reduce((n, s) => n + (s.matchCount ?? 0), 0);
    if (now > written || answered === 0) {
      // Unanswered reads say the matching service is overloaded, not that it stopped writing.
      written = Math.max(written, now);
      progressAt = performance.now();
    } else if (performance.now() - progressAt > STALL_MS) {
      stalled = true;
      break;
    }
    if (pending.length) await sleep(500);
  }
  return { seconds: (performance.now() - t0) / 1000, incomplete: pending.length, stalled };
}

/** Polls one demand until it has at least `atLeast` matches; throws when the count stops growing for `stallMs`. */
async function waitForMatchCount(demandId: string, token: string, atLeast: number, stallMs: number, what: string): Promise<number> {
  const started = performance.now();
  let count = 0;
  let grewAt = started;
  let toldAt = started;
  for (;;) {
    const r = await gql<{ demand: { matches: { id: string }[] } | null }>(POLL, { id: demandId }, token).catch(() => null);
    const now = r?.data?.demand?.matches.length ?? 0;
    if (now > count) {
      count = now;
      grewAt = performance.now();
    }
    if (count >= atLeast) return count;
    if (performance.now() - grewAt > stallMs)
      throw new Error(
        `${what}: ${count} of ${atLeast} matches, none new for ${stallMs / 1000} s — the product relay or the matcher is stuck (see .data/logs)`,
      );
    if (performance.now() - toldAt > 30_000) {
      toldAt = performance.now();
      process.stdout.write(`  ${what}: ${count}/${atLeast} matches after ${((toldAt - started) / 1000).toFixed(0)} s\n`);
    }
    await sleep(250);
  }
}

interface PhaseResult {
  rate: number;
  me: { dist: Distribution; lateMaxMs: number; seconds: number; startRate: number };
  poll: { dist: Distribution; lateMaxMs: number; seconds: number; startRate: number };
  demand: {
    samples: DemandSample[];
    dist: Distribution;
    lateMaxMs: number;
    seconds: number;
    startRate: number;
    meAlongside: Distribution;
    postErrors: number;
  };
  drain: { seconds: number; incomplete: number; stalled: boolean };
}

async function runRate(
  rate: number,
  planned: PlannedDemand[],
  admin: string,
  baselineToken: string,
  matchedDemand: { id: string; token: string },
): Promise<PhaseResult> {
  const n = planned.length;
  process.stdout.write(`\n${rate}/s: { me { id } } × ${n} …\n`);
  const me = await openLoop(rate, n, () => timed(ME, {}, baselineToken));
  const meDist = distribution(me.results);
  process.stdout.write(`  p50 ${ms(meDist.p50)} ms, p99 ${ms(meDist.p99)} ms, ${meDist.failures} failed\n`);

  process.stdout.write(`${rate}/s: demand(id){ matches { id } } on an already matched demand × ${n} …\n`);
  const poll = await openLoop(rate, n, () => timed(POLL, { id: matchedDemand.id }, matchedDemand.token));
  const pollDist = distribution(poll.results);
  process.stdout.write(`  p50 ${ms(pollDist.p50)} ms, p99 ${ms(pollDist.p99)} ms, ${pollDist.failures} failed\n`);

  const how = VISIBLE === 'subscription' ? 'first matchEvents event for the demand' : `poll every ${POLL_MS} ms`;
  process.stdout.write(`${rate}/s: postDemand → first match × ${n} (${how}, give up after ${MATCH_TIMEOUT_MS / 1000} s) …\n`);
  let feeds: MatchFeeds | null = null;
  if (VISIBLE === 'subscription') {
    feeds = new MatchFeeds();
    await feeds.open([...new Set(planned.map((p) => p.enterprise.token))]);
    await sleep(1_000); // the gateway has registered every stream before the first demand
  }
  const progress = setInterval(() => process.stdout.write('  …\n'), 5_000);
  const run = await openLoop(rate, n, (i) => Promise.all([postAndWatch(planned[i]!, feeds), timed(ME, {}, baselineToken)]));
  clearInterval(progress);
  if (feeds) {
    await feeds.close();
    if (feeds.errors) process.stdout.write(`  ${feeds.errors} subscription payloads carried errors\n`);
  }
  const samples = run.results.map(([s]) => s);
  const dist = distribution(samples.map((s) => s.latencyMs));
  const meAlongside = distribution(run.results.map(([, m]) => m));
  const postErrors = samples.filter((s) => s.error).length;
  for (const s of samples.filter((x) => x.error).slice(0, 3)) process.stdout.write(`  error: ${s.error!.slice(0, 300)}\n`);
  process.stdout.write(
    `  p50 ${ms(dist.p50)} ms, p99 ${ms(dist.p99)} ms, ${dist.failures} without a match in ${MATCH_TIMEOUT_MS / 1000} s, ${postErrors} post errors\n`,
  );

  process.stdout.write(`${rate}/s: waiting for every eligible match to be written …\n`);
  const drained = await drain(samples, admin);
  process.stdout.write(
    `  ${drained.incomplete === 0 ? 'all written' : `${drained.incomplete} demands still short of their matches${drained.stalled ? ` (no new match for ${STALL_MS / 1000} s: stuck)` : ''}`} after ${drained.seconds.toFixed(1)} s\n`,
  );
  await sleep(SETTLE_MS);
  return {
    rate,
    me: { dist: meDist, lateMaxMs: me.lateMaxMs, seconds: me.seconds, startRate: me.startRate },
    poll: { dist: pollDist, lateMaxMs: poll.lateMaxMs, seconds: poll.seconds, startRate: poll.startRate },
    demand: { samples, dist, lateMaxMs: run.lateMaxMs, seconds: run.seconds, startRate: run.startRate, meAlongside, postErrors },
    drain: drained,
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

const HEADING = '## Demand → first match through the gateway';

/** A hand-written section under our heading (without the markers) would otherwise stay as a duplicate. */
function dropUnmarkedSection(): void {
  if (!existsSync(PERFORMANCE_DOC)) return;
  const doc = readFileSync(PERFORMANCE_DOC, 'utf8');
  if (doc.includes('<!-- bench:match-latency -->')) return;
  const from = doc.indexOf(`${HEADING}\n`);
  if (from < 0) return;
  const rest = doc.slice(from + HEADING.length);
  const ends = [rest.search(/\n## /), rest.search(/\n<!-- bench:/)].filter((i) => i >= 0);
  const to = ends.length ? from + HEADING.length + Math.min(...ends) : doc.length;
  writeFileSync(PERFORMANCE_DOC, `${doc.slice(0, from).trimEnd()}\n${doc.slice(to)}`);
}

/**
 * Where the demand path saturates: the lowest rate at which it stops keeping up, i.e. demands go
 * without a match within the timeout, matches are still unwritten after the drain, or the
 * client could not start requests at the rate (the open loop fell behind).
 */
function saturation(results: PhaseResult[]): string {
  const sorted = [...results].sort((a, b) => a.rate - b.rate);
  const keptUp = (r: PhaseResult) => r.demand.dist.failures === 0 && r.drain.incomplete === 0 && r.demand.startRate >= r.rate * 0.95;
  const first = sorted.find((r) => !keptUp(r));
  if (!first) return `Saturation: not reached; it kept up at every measured rate, up to ${sorted.at(-1)?.rate ?? 0}/s.`;
  const why = [
    first.demand.dist.failures
      ? `${first.demand.dist.failures} of ${first.demand.dist.n} demands saw no match within ${MATCH_TIMEOUT_MS / 1000} s`
      : '',
    first.drain.incomplete ? `${first.drain.incomplete} still short of their matches after the drain` : '',
    first.demand.startRate < first.rate * 0.95 ? `requests started at only ${first.demand.startRate.toFixed(1)}/s` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const below = sorted.filter((r) => r.rate < first.rate).at(-1);
  return `Saturation: ${below ? `kept up at ${below.rate}/s, saturated at ${first.rate}/s` : `saturated already at ${first.rate}/s, the lowest rate measured`} (${why}).`;
}

function report(
  results: PhaseResult[],
  setup: {
    seconds: number;
    expected: number[];
    openProducts: number;
    published: number;
    skipped: number[];
    publishedSeconds: number;
    matchedSeconds: number;
  },
  started: number,
): { table: string; breakdown: string; verdict: string } {
  const row = (rate: number, what: string, d: Distribution, achieved: number) => [
    `${rate}/s`,
    what,
    d.n,
    achieved.toFixed(1),
    ms(d.p50),
    ms(d.p95),
    ms(d.p99),
    ms(d.max),
    d.failures,
  ];
  const rows = results.flatMap((r) => [
    row(r.rate, '`{ me { id } }` alone (gateway baseline)', r.me.dist, r.me.startRate),
    row(r.rate, '`demand(id){ matches { id } }` on a matched demand (one poll)', r.poll.dist, r.poll.startRate),
    row(r.rate, '**postDemand returned → first match seen**', r.demand.dist, r.demand.startRate),
    row(r.rate, '`{ me { id } }` during the demand phase', r.demand.meAlongside, r.demand.startRate),
  ]);
  const table = markdownTable(['Rate', 'Measured', 'n', 'Started/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'Failed'], rows);

  const pcts = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return xs.length ? `${fmt(percentile(s, 50))} / ${fmt(percentile(s, 95))} / ${fmt(percentile(s, 99))}` : 'n/a';
  };
  const bRows = results.map((r) => {
    const ok = r.demand.samples.filter((s) => s.latencyMs !== null && s.firstWrittenAt !== undefined);
    const fifth = Math.max(1, Math.floor(r.demand.samples.length / 5));
    const lat = (xs: DemandSample[]) => ms(median(xs.map((s) => s.latencyMs ?? Infinity)));
    const counted = r.demand.samples.filter((s) => s.matchCount !== undefined).map((s) => s.matchCount!);
    const polls = r.demand.samples.reduce((n, s) => n + s.polls, 0);
    return [
      `${r.rate}/s`,
      pcts(ok.map((s) => s.firstWrittenAt! - s.demandCreatedAt!)),
      pcts(ok.map((s) => s.seenAt! - s.firstWrittenAt!)),
      pcts(ok.map((s) => s.postReturnedAt! - s.demandCreatedAt!)),
      pcts(r.demand.samples.filter((s) => s.lastWrittenAt !== undefined).map((s) => s.lastWrittenAt! - s.demandCreatedAt!)),
      counted.length ? `${fmt(median(counted))} (of ${counted.length} read back)` : 'n/a (not read back)',
      `${lat(r.demand.samples.slice(0, fifth))} → ${lat(r.demand.samples.slice(-fifth))}`,
      fmt(polls / r.demand.seconds),
      fmt(median(r.demand.samples.filter((s) => s.postMs !== undefined).map((s) => s.postMs!))),
      `${r.demand.samples.reduce((n, s) => n + s.pollErrors, 0)} / ${r.demand.postErrors}`,
      r.drain.incomplete === 0 ? `all, ${r.drain.seconds.toFixed(0)} s` : `${r.drain.incomplete} short${r.drain.stalled ? ', stuck' : ''}`,
      fmt(r.demand.lateMaxMs),
    ];
  });
  const breakdown = markdownTable(
    [
      'Rate',
      'demand stored → first match created p50/p95/p99 ms',
      VISIBLE === 'subscription'
        ? 'first match created → its event at the client p50/p95/p99'
        : 'first match created → seen by a poll p50/p95/p99',
      'demand stored → postDemand returned p50/p95/p99',
      'demand stored → last match created p50/p95/p99',
      'matches per demand (median)',
      'latency p50, first fifth → last fifth',
      'polls/s',
      'postDemand p50 ms',
      'poll / post errors',
      'every match written after the phase',
      'client start lag max ms',
    ],
    bRows,
  );
  const target = results.find((r) => r.rate === 50);
  const skippedNote = setup.skipped.length
    ? ` Not run: ${setup.skipped.map((x) => `${x}/s`).join(', ')} — an earlier phase left matches unwritten with no progress for ${STALL_MS / 1000} s (the pipeline was stuck, so later phases would only measure that).`
    : '';
  const verdict =
    (target
      ? `Target at 50 demands/s (p50 < 150 ms, p99 < 500 ms): p50 ${ms(target.demand.dist.p50)} ms, p99 ${ms(target.demand.dist.p99)} ms — ${target.demand.dist.p50 < 150 && target.demand.dist.p99 < 500 ? '**met**' : '**not met**'}.`
      : setup.skipped.includes(50)
        ? 'Target at 50 demands/s: **not measured** (see below).'
        : 'No 50 demands/s phase in this run (BENCH_RATES), so no verdict against the target.') +
    skippedNote +
    ` ${saturation(results)}`;

  const exp = [...setup.expected].sort((a, b) => a - b);
  const posted = results.flatMap((r) => r.demand.samples).filter((s) => s.id);
  const complete = posted.filter((s) => s.matchCount === s.planned.expected).length;
  // More matches than the contract's rules allow would mean this script and the service disagree; fewer only means not yet written.
  const over = posted.filter((s) => (s.matchCount ?? 0) > s.planned.expected).length;
  const notes = [
    `- Set-up through the gateway (${setup.seconds.toFixed(0)} s; the products were all published after ${setup.publishedSeconds.toFixed(0)} s and all matched after ${setup.matchedSeconds.toFixed(0)} s): finance-centre sign-in; ${BANKS} banks with one officer each; ${setup.published === PRODUCTS ? PRODUCTS : `${setup.published} (of ${PRODUCTS} attempted; the others' publishes failed)`} products via \`publishProduct\`, round-robin over the banks (${setup.openProducts} broad 普惠 products with no tier/industry/purpose/collateral restriction, 100k–50M yuan, 1–120 months, lowest rate ≤ 3.9%; the rest seeded-random: amounts from 100k–5M up to 5–50× that, terms 1–12 up to 12–60 months, lowest rate 2.6–5.5%, 60–65% restricted per list, 15% white-list only, 20% with an R&D uplift); ${ENTERPRISES} enterprises via \`registerEnterprise\` over ${INDUSTRIES.length} industries (untiered, not white-listed), registered before the products. Products go out 4 at a time; then a wait until an open "canary" demand posted before them has every match they imply (the matcher has consumed them); then ${WARM_UP_DEMANDS} warm-up demands, one at a time, each until it had every match it is eligible for (the matcher held all products before timing began).`,
    `- Demands: seeded-random, 300k–30M yuan (log-uniform), 3–60 months, any purpose, mostly credit/mortgage/receivables, 70% with a rate ceiling of 4.0–6.5%; posted round-robin by the enterprises. Eligible products per demand by the contract's rules: median ${fmt(percentile(exp, 50))}, min ${exp[0] ?? 'n/a'}, max ${exp[exp.length - 1] ?? 'n/a'}; by the end of its phase's wait ${complete} of ${posted.length} posted demands had all of them written${over ? `, and ${over} had more (this script's rules and the service's disagree)` : ''}.`,
    `- Open loop: at each rate a new request starts every 1000/rate ms whether or not earlier ones finished. ${VISIBLE === 'subscription' ? `A demand's latency runs from \`postDemand\` returning to the first \`matchEvents\` event naming it on its enterprise's subscription (\`subscription { matchEvents { type match { id demand { id } } } }\`, one SSE stream per enterprise, opened before the phase — how the web console sees matches arrive; BENCH_VISIBLE=poll measures by polling instead).` : `A demand's latency runs from \`postDemand\` returning to the first \`demand(id){ matches { id } }\` (as the enterprise) that returns ≥ 1 match; the poll repeats ${POLL_MS} ms after each empty answer.`} No match within ${MATCH_TIMEOUT_MS / 1000} s counts as failed (shown as "> ${fmt(MATCH_TIMEOUT_MS)}" where a percentile lands on one). Per rate, in order: \`{ me { id } }\` alone, the poll query on an already matched demand, then the demands (with one \`{ me { id } }\` started alongside each), then a wait of at most ${DRAIN_TIMEOUT_MS / 1000} s until every match is written, plus ${SETTLE_MS / 1000} s.`,
    "- Breakdown: server timestamps (the demand's and its matches' `createdAt`, read after the phase) on the same clock as the client: latency ≈ (demand stored → first match created) + (first match created → seen) − (demand stored → postDemand returned). A match's `createdAt` is set when the matcher builds it, just before it is written.",
    `- One machine runs everything: the client, the gateway, identity, enterprise, product, matching, Kafka and FerretDB (SQLite backend). Whole run ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  ].join('\n');
  return { table, breakdown: `${breakdown}\n\n${notes}`, verdict };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!process.env.GATEWAY_URL)
    throw new Error('GATEWAY_URL is not set: run this through `npm run bench:latency` (the launcher starts the stack and sets it)');
  const started = Date.now();
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const r = seededRandom(SEED);

  process.stdout.write(`set-up: ${BANKS} banks, ${PRODUCTS} products, ${ENTERPRISES} enterprises (gateway ${process.env.GATEWAY_URL}) …\n`);
  const admin = await signInAdmin();
  const officers = await Promise.all(BANK_NAMES.slice(0, BANKS).map((name) => createBankOfficer(admin, `${name}·${RUN}`)));
  // scrypt makes sign-up CPU-heavy on purpose; a few at a time keeps the set-up from starving the services.
  const enterprises = await pool(
    Array.from({ length: ENTERPRISES }, (_, i) => i),
    4,
    (i) => registerEnterprise(i),
  );

  // Registrations go first: by the time the matcher has consumed the products it has seen them too.
  const groups = Math.ceil(PRODUCTS / BANKS);
  const openEvery = Math.max(1, Math.floor(groups / OPEN_PRODUCTS_PER_BANK));
  const products = Array.from({ length: PRODUCTS }, (_, i) =>
    productSpec(r, Math.floor(i / BANKS) % openEvery === 0 && Math.floor(i / BANKS) / openEvery < OPEN_PRODUCTS_PER_BANK),
  );

  // The canary: one open demand that about one product in fifteen fits. Its match count says, through
  // the gateway alone, how far the products have travelled (product outbox → Kafka → matcher).
  const canary = {
    enterprise: enterprises[0]!,
    input: {
      amount: 2_000_000,
      termMonths: 12,
      purpose: 'WORKING_CAPITAL',
      collateral: 'CREDIT',
      maxAnnualRate: null,
      needsGuarantee: false,
      description: '流动资金周转',
    } satisfies DemandSpec,
  };
  const canaryId = must(
    await gql<{ postDemand: { id: string } }>(POST_DEMAND, { input: canary.input }, canary.enterprise.token),
    'postDemand (canary)',
  ).postDemand.id;

  const failedPublishes: string[] = [];
  const live: ProductSpec[] = [];
  const publishStarted = performance.now();
  const progress = setInterval(() => process.stdout.write(`  products published: ${live.length}/${PRODUCTS}\n`), 15_000);
  try {
    // Few at a time: on FerretDB's SQLite backend concurrent writes fight for one write lock, and
    // more writers only make every write slower.
    await pool(products, 4, async (p, i) => {
      try {
        must(
          await gql('mutation($input:ProductInput!){ publishProduct(input:$input){ id } }', { input: p }, officers[i % BANKS]),
          'publishProduct',
        );
        live.push(p);
      } catch (err) {
        // A timed-out publish may still have been stored, so it is not retried (that could publish it
        // twice); the demands then may end up with one more match than expected.
        failedPublishes.push((err as Error).message);
        if (failedPublishes.length > PRODUCTS * 0.02) throw new Error(`too many failed publishes, the last: ${(err as Error).message}`);
      }
    });
  } finally {
    clearInterval(progress);
  }
  const publishedSeconds = (performance.now() - publishStarted) / 1000;
  process.stdout.write(`  ${live.length} products published in ${publishedSeconds.toFixed(0)} s; waiting for the matcher …\n`);
  const due = live.filter((p) => eligible(p, canary.input, canary.enterprise.industry)).length;
  await waitForMatchCount(canaryId, canary.enterprise.token, due, SETUP_STALL_MS, 'canary demand');
  const publishSeconds = (performance.now() - publishStarted) / 1000;
  process.stdout.write(`  matcher caught up after ${publishSeconds.toFixed(0)} s\n`);
  if (failedPublishes.length)
    process.stdout.write(
      `  ${failedPublishes.length} publishes failed (not counted as published), e.g. ${failedPublishes[0]!.slice(0, 200)}\n`,
    );

  const plan = (n: number): PlannedDemand[] =>
    Array.from({ length: n }, () => {
      const enterprise = enterprises[Math.floor(r.next() * enterprises.length)]!;
      const input = demandSpec(r);
      const expected = live.filter((p) => eligible(p, input, enterprise.industry)).length;
      if (expected === 0)
        throw new Error(`a generated demand matches no product (${JSON.stringify(input)}): the broad products must cover every demand`);
      return { enterprise, input, expected };
    });
  const warmUp = plan(WARM_UP_DEMANDS);
  const phases = RATES.map(() => plan(DEMANDS_PER_RATE));

  process.stdout.write(
    `warm-up: ${WARM_UP_DEMANDS} demands, one at a time, each until it has all its ${warmUp.map((w) => w.expected).join('/')} matches …\n`,
  );
  const warm: DemandSample[] = [];
  for (const w of warmUp) {
    const sample = await postAndWatch(w, null);
    if (!sample.id) throw new Error(`warm-up demand failed: ${sample.error}`);
    // The canary proves only the products it fits have arrived; the matcher may still be working
    // through the others, and the demand waits behind them.
    await waitForMatchCount(sample.id, w.enterprise.token, w.expected, SETUP_STALL_MS, 'warm-up demand');
    warm.push(sample);
  }
  await sleep(SETTLE_MS);
  const setupSeconds = (Date.now() - started) / 1000;
  process.stdout.write(`set-up done in ${setupSeconds.toFixed(1)} s\n`);

  const baselineToken = enterprises[0]!.token;
  const matched = { id: warm[0]!.id!, token: warm[0]!.planned.enterprise.token };
  const results: PhaseResult[] = [];
  const skipped: number[] = [];
  for (const [i, rate] of RATES.entries()) {
    if (results.some((x) => x.drain.stalled)) {
      // A stuck pipeline stays stuck: another phase would only add failures and minutes.
      skipped.push(rate);
      continue;
    }
    results.push(await runRate(rate, phases[i]!, admin, baselineToken, matched));
  }

  const { table, breakdown, verdict } = report(
    results,
    {
      seconds: setupSeconds,
      expected: phases.flat().map((p) => p.expected),
      openProducts: live.filter((p) => p.name.startsWith('普惠小微')).length,
      published: live.length,
      skipped,
      publishedSeconds,
      matchedSeconds: publishSeconds,
    },
    started,
  );
  const section = [
    HEADING,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; load average ${loadAtStart} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end (1/5/15 min; anything else running on the machine shows here)`,
    `- Command: \`${reproduceCommand('tests/dist/perf/match-latency-bench.js', KNOBS)}\``,
    '',
    table,
    '',
    verdict,
    '',
    'Where the time goes (the first-match columns cover the demands that saw a match within the timeout):',
    '',
    breakdown,
  ].join('\n');
  process.stdout.write(`\n${table}\n\n${verdict}\n\n${breakdown}\n`);
  dropUnmarkedSection();
  writeSection('match-latency', section);
  process.stdout.write('\ndocs/PERFORMANCE.md: "Demand → first match through the gateway" updated\n');
}

setTimeout(() => {
  process.stderr.write(`match latency benchmark: still running after ${WATCHDOG_MS / 60_000} min, giving up\n`);
  process.exit(2);
}, WATCHDOG_MS).unref();

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`match latency benchmark failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
