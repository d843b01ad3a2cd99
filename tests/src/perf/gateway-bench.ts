// Gateway benchmark (`npm run bench:gateway`, part of `npm run bench`): requests/s and latency with
// autocannon, at the same concurrency, for a bare node:http server, a bare graphql-yoga server (both
// started here on free loopback ports), and the real gateway started by the launcher: the
// authenticated queries of DESIGN.md's target (`products(first: 20)` as an enterprise, `myDemands`
// as an enterprise, `dashboard` as the finance centre; a little data is published and posted
// through the gateway first), `{ me { id email role } }` (one call to identity per request) and
// the unauthenticated `{ _health }`. Every row is compared with bare yoga. Prints a markdown table
// and rewrites its section of docs/PERFORMANCE.md. Targets whose service is not running (see
// YINQI_ONLY_SERVICES) are left out and say so.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createSchema, createYoga } from 'graphql-yoga';
import { mongoose } from '@yinqi/db';
import { aUscc, anEmail, gql, waitFor, type GraphQLResult } from '@yinqi/testing';
import { fmt, loadAverage, machine, markdownTable, reproduceCommand, writeSection } from './performance-report';

const intEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 20);
const DURATION_S = intEnv('BENCH_DURATION', 10);
const WARMUP_S = intEnv('BENCH_WARMUP', 2);
/** Seeded before the load: products published by one bank officer, demands posted by one enterprise. */
const SEED_PRODUCTS = intEnv('BENCH_GATEWAY_PRODUCTS', 40);
const SEED_DEMANDS = intEnv('BENCH_GATEWAY_DEMANDS', 10);
const PASSWORD = 'correct-horse-battery';

interface Target {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Checks one response before the load; its exact body then becomes autocannon's expectBody. */
  check: (json: unknown) => boolean;
}

interface Measured {
  target: Target;
  result: autocannon.Result;
}

const HELLO = JSON.stringify({ query: '{ hello }' });

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/** (a) The floor: node:http answering a fixed JSON body, the request body left unread. */
function bareHttp(): Server {
  const payload = JSON.stringify({ data: { hello: 'world' } });
  return createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
}

/** (b) The reference of DESIGN.md's gateway target: graphql-yoga with its defaults and one field. */
function bareYoga(): Server {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  return createServer((req, res) => void yoga(req, res));
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

async function signIn(gatewayUrl: string): Promise<{ token: string; email: string }> {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD are required (the launcher passes them)');
  const { status, text } = await post(
    gatewayUrl,
    JSON.stringify({
      query: 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token user { role } } }',
      variables: { email, password },
    }),
  );
  const json = JSON.parse(text) as { data?: { login?: { token: string; user: { role: string } } }; errors?: unknown };
  const token = json.data?.login?.token;
  if (status !== 200 || !token) throw new Error(`signing in as ${email} through the gateway failed (${status}): ${text.slice(0, 300)}`);
  return { token, email };
}

function must<T>(r: GraphQLResult<T>, what: string): T {
  if (r.errors?.length || !r.data) throw new Error(`${what}: ${JSON.stringify(r.errors ?? r).slice(0, 300)}`);
  return r.data;
}

/** Which services the launcher started (YINQI_ONLY_SERVICES narrows them; all otherwise). */
const running = (name: string) => !process.env.YINQI_ONLY_SERVICES || process.env.YINQI_ONLY_SERVICES.split(',').includes(name);

interface Seeded {
  enterpriseToken: string;
  officerToken: string;
  /** What `dashboard` should count once the monitor has consumed the seed. */
  demands: number;
  /** The bank's matches once matching has judged every demand (when matching runs). */
  matches?: number;
  /** Loans disbursed from them (when the loan service runs). */
  loans?: number;
}

/** How many loans the seed disburses, for `loans(first: 20)` to read. */
const SEED_LOANS = 3;

/** Waits until `read` gives the same number three times 500 ms apart (matching works asynchronously). */
async function settled(what: string, read: () => Promise<number>): Promise<number> {
  let last = -1;
  let same = 0;
  return waitFor(
    async () => {
      const n = await read();
      same = n === last ? same + 1 : 0;
      last = n;
      return same >= 2 && n > 0 ? n : null;
    },
    { timeoutMs: 120_000, intervalMs: 500, message: what },
  );
}

/**
 * A little data through the gateway, as users would make it: one bank with an officer who
 * publishes SEED_PRODUCTS products, one enterprise that posts SEED_DEMANDS demands.
 */
async function seed(admin: string): Promise<Seeded> {
  const run = Date.now().toString(36);
  const bank = must(
    await gql<{ createInstitution: { id: string } }>(
      'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
      { input: { kind: 'BANK', name: `重庆农村商业银行大足支行·${run}` } },
      admin,
    ),
    'createInstitution',
  ).createInstitution;
  const officerEmail = anEmail('bench-gw-officer');
  must(
    await gql(
      'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
      { input: { email: officerEmail, password: PASSWORD, role: 'BANK_OFFICER', institutionId: bank.id } },
      admin,
    ),
    'createUser',
  );
  const officer = must(
    await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
      e: officerEmail,
      p: PASSWORD,
    }),
    'officer login',
  ).login.token;
  const enterprise = must(
    await gql<{ registerEnterprise: { token: string } }>(
      'mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token } }',
      {
        input: {
          email: anEmail('bench-gw-ent'),
          password: PASSWORD,
          name: `重庆龙水镇五金科技有限公司（${run}）`,
          uscc: aUscc(),
          industry: '五金',
          town: '龙水镇',
        },
      },
    ),
    'registerEnterprise',
  ).registerEnterprise.token;
  for (let i = 0; i < SEED_PRODUCTS; i += 1) {
    const min = [100_000, 500_000, 1_000_000][i % 3]!;
    must(
      await gql(
        'mutation($input:ProductInput!){ publishProduct(input:$input){ id } }',
        {
          input: {
            name: `专精特新贷 ${i + 1}`,
            minAmount: min,
            maxAmount: min * 20,
            minTermMonths: 3,
            maxTermMonths: 36,
            annualRateMin: 3.2 + (i % 10) / 10,
            annualRateMax: 5.5,
            policyTags: ['SRDI_LOAN'],
          },
        },
        officer,
      ),
      'publishProduct',
    );
  }
  for (let i = 0; i < SEED_DEMANDS; i += 1) {
    must(
      await gql(
        'mutation($input:DemandInput!){ postDemand(input:$input){ id } }',
        {
          input: {
            amount: 1_000_000 + i * 100_000,
            termMonths: 12,
            purpose: 'WORKING_CAPITAL',
            collateral: 'CREDIT',
            needsGuarantee: false,
            description: '采购原材料',
          },
        },
        enterprise,
      ),
      'postDemand',
    );
  }
  const seeded: Seeded = { enterpriseToken: enterprise, officerToken: officer, demands: SEED_DEMANDS };
  if (!running('matching')) return seeded;
  // Matching judges every demand against every product: wait until the bank's matches stop growing.
  const countMatches = async () =>
    must(await gql<{ bankMatches: { totalCount: number } }>('{ bankMatches(first: 1) { totalCount } }', {}, officer), 'bankMatches')
      .bankMatches.totalCount;
  seeded.matches = await settled('matching to judge the seeded demands', countMatches);
  if (!running('loan')) return seeded;
  // A few loans: the bank answers and offers, the enterprise accepts, the bank disburses.
  const some = must(
    await gql<{ bankMatches: { edges: { node: { id: string; demand: { id: string } } }[] } }>(
      '{ bankMatches(first: 100) { edges { node { id demand { id } } } } }',
      {},
      officer,
    ),
    'bankMatches',
  )
    .bankMatches.edges.map((e) => e.node)
    .filter((m, i, all) => all.findIndex((x) => x.demand.id === m.demand.id) === i) // one match per demand
    .slice(0, SEED_LOANS);
  for (const m of some) {
    must(await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: m.id }, officer), 'respondToMatch');
    must(
      await gql(
        'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
        { id: m.id, input: { amount: 1_000_000, annualRate: 3.6, termMonths: 12 } },
        officer,
      ),
      'makeOffer',
    );
    must(await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: m.id }, enterprise), 'acceptOffer');
    must(
      await gql(
        'mutation($m:ID!,$input:DisburseLoanInput!){ disburseLoan(matchId:$m, input:$input){ id } }',
        { m: m.id, input: { disbursedAt: new Date().toISOString(), repaymentMethod: 'EQUAL_INSTALLMENT' } },
        officer,
      ),
      'disburseLoan',
    );
  }
  seeded.loans = some.length;
  // Accepting one match withdraws the demand's others: wait for the bank's list to settle again.
  seeded.matches = await settled('matching to settle after the loans', countMatches);
  return seeded;
}

async function measure(target: Target): Promise<Measured> {
  const probe = await post(target.url, target.body, target.headers);
  let ok = false;
  try {
    ok = probe.status === 200 && target.check(JSON.parse(probe.text));
  } catch {
    ok = false;
  }
  if (!ok) throw new Error(`${target.name}: unexpected answer before the load (${probe.status}): ${probe.text.slice(0, 300)}`);
  // One worker thread fires the requests for every target, so the servers started in this process
  // keep the main thread to themselves, like the gateway has its own process.
  const options: autocannon.Options = {
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
    connections: CONNECTIONS,
    workers: 1,
    expectBody: probe.text,
  };
  process.stdout.write(`${target.name}: ${WARMUP_S} s warm-up, ${DURATION_S} s measured …\n`);
  await autocannon({ ...options, duration: WARMUP_S });
  const result = await autocannon({ ...options, duration: DURATION_S });
  const bad = result.errors + result.timeouts + result.non2xx + result.mismatches;
  if (bad > 0) {
    throw new Error(
      `${target.name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.mismatches} unexpected bodies out of ${result['2xx'] + result.non2xx}`,
    );
  }
  return { target, result };
}

/**
 * Median `ping` to the database the services use: (c) reads it once per request, so a slow
 * (shared, busy) database shows up there and nowhere else.
 */
async function databasePingMs(): Promise<number | undefined> {
  if (!process.env.MONGO_URL) return undefined;
  const client = new mongoose.mongo.MongoClient(process.env.MONGO_URL, { serverSelectionTimeoutMS: 3_000 });
  try {
    await client.connect();
    const times: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const t = performance.now();
      await client.db('admin').command({ ping: 1 });
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[10];
  } catch {
    return undefined;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function main() {
  const loadAtStart = loadAverage();
  const gatewayUrl = process.env.GATEWAY_URL;
  if (!gatewayUrl) throw new Error('GATEWAY_URL is not set: run this through `npm run bench:gateway`, which starts the stack');
  const servers = [bareHttp(), bareYoga()];
  try {
    const [httpUrl, yogaUrl] = await Promise.all(servers.map(listen));
    const { token, email } = await signIn(gatewayUrl);
    const hello = (j: unknown) => (j as { data?: { hello?: string } }).data?.hello === 'world';
    const targets: Target[] = [
      { name: '(a) bare node:http, fixed JSON', url: `${httpUrl!}/`, body: HELLO, headers: {}, check: hello },
      { name: '(b) bare graphql-yoga, `{ hello }`', url: `${yogaUrl!}/graphql`, body: HELLO, headers: {}, check: hello },
    ];
    const skipped: string[] = [];
    const canSeed = running('enterprise') && running('product');
    const seeded = canSeed ? await seed(token) : undefined;
    if (seeded) {
      const asEnterprise = { authorization: `Bearer ${seeded.enterpriseToken}` };
      targets.push(
        {
          name: '(c) gateway, enterprise `products(first: 20)`',
          url: gatewayUrl,
          body: JSON.stringify({
            query:
              '{ products(first: 20) { totalCount edges { cursor node { id name minAmount maxAmount annualRateMin annualRateMax policyTags } } } }',
          }),
          headers: asEnterprise,
          check: (j) =>
            (j as { data?: { products?: { edges?: unknown[] } } }).data?.products?.edges?.length === Math.min(20, SEED_PRODUCTS),
        },
        {
          name: '(d) gateway, enterprise `myDemands`',
          url: gatewayUrl,
          body: JSON.stringify({ query: '{ myDemands { id amount termMonths purpose collateral createdAt } }' }),
          headers: asEnterprise,
          check: (j) => (j as { data?: { myDemands?: unknown[] } }).data?.myDemands?.length === seeded.demands,
        },
      );
    } else skipped.push('`products(first: 20)` and `myDemands` (the enterprise and product services are not running)');
    if (seeded?.matches !== undefined) {
      targets.push({
        name: '(h) gateway, bank officer `bankMatches(first: 20)`',
        url: gatewayUrl,
        body: JSON.stringify({
          query: '{ bankMatches(first: 20) { totalCount edges { node { id status score demand { id } product { id name } } } } }',
        }),
        headers: { authorization: `Bearer ${seeded.officerToken}` },
        check: (j) => (j as { data?: { bankMatches?: { totalCount?: number } } }).data?.bankMatches?.totalCount === seeded.matches,
      });
    } else skipped.push('`bankMatches(first: 20)` (the matching service is not running)');
    if (seeded?.loans !== undefined) {
      targets.push({
        name: '(i) gateway, bank officer `loans(first: 20)`',
        url: gatewayUrl,
        body: JSON.stringify({
          query:
            '{ loans(first: 20) { totalCount edges { node { id amount annualRate status outstandingPrincipal enterprise { id name } } } } }',
        }),
        headers: { authorization: `Bearer ${seeded.officerToken}` },
        check: (j) => (j as { data?: { loans?: { totalCount?: number } } }).data?.loans?.totalCount === seeded.loans,
      });
    } else skipped.push('`loans(first: 20)` (the matching or loan service is not running)');
    if (seeded && running('monitor')) {
      const dashboard = JSON.stringify({ query: '{ dashboard { demandsPosted demandsMatched matchRate amountRequested loansActive } }' });
      // The monitor folds events in as they arrive: wait until it has every seeded demand (and
      // loan), so every answer under load is the same (autocannon checks each body).
      await waitFor(
        async () => {
          const r = await post(gatewayUrl, dashboard, { authorization: `Bearer ${token}` });
          const d = (JSON.parse(r.text) as { data?: { dashboard?: { demandsPosted?: number; loansActive?: number } } }).data?.dashboard;
          return d?.demandsPosted === seeded.demands && d.loansActive === (seeded.loans ?? 0);
        },
        { timeoutMs: 60_000, intervalMs: 250, message: 'the monitor counting the seeded demands and loans' },
      );
      targets.push({
        name: '(e) gateway, finance centre `dashboard`',
        url: gatewayUrl,
        body: dashboard,
        headers: { authorization: `Bearer ${token}` },
        check: (j) => (j as { data?: { dashboard?: { demandsPosted?: number } } }).data?.dashboard?.demandsPosted === seeded.demands,
      });
    } else skipped.push('`dashboard` (the monitor service is not running)');
    targets.push(
      {
        name: '(f) gateway, authenticated `{ me { id email role } }`',
        url: gatewayUrl,
        body: JSON.stringify({ query: '{ me { id email role } }' }),
        headers: { authorization: `Bearer ${token}` },
        check: (j) => (j as { data?: { me?: { email?: string } } }).data?.me?.email === email,
      },
      {
        name: '(g) gateway, unauthenticated `{ _health }`',
        url: gatewayUrl,
        body: JSON.stringify({ query: '{ _health }' }),
        headers: {},
        check: (j) => typeof (j as { data?: { _health?: unknown } }).data?._health === 'string',
      },
    );
    const pingBefore = await databasePingMs();
    const measured: Measured[] = [];
    for (const t of targets) measured.push(await measure(t));

    const yoga = measured[1]!.result;
    const table = markdownTable(
      ['Target', 'Requests/s', 'vs bare yoga', 'Latency p50 ms', 'p99 ms', 'Requests'],
      measured.map(({ target, result }) => [
        target.name,
        fmt(result.requests.average),
        `${(result.requests.average / yoga.requests.average).toFixed(2)}×`,
        fmt(result.latency.p50, 1),
        fmt(result.latency.p99, 1),
        fmt(result['2xx']),
      ]),
    );
    const products = measured.find((m) => m.target.name.includes('products('));
    const ratio = products ? products.result.requests.average / yoga.requests.average : undefined;
    const verdict =
      ratio === undefined
        ? "Target (DESIGN.md: authenticated `products(first: 20)` at ≥ 50% of bare yoga's requests/s): not measured in this run."
        : `Target (DESIGN.md: authenticated \`products(first: 20)\` at ≥ 50% of bare yoga's requests/s): ${(ratio * 100).toFixed(0)}% — **${ratio >= 0.5 ? 'met' : 'not met'}**.`;
    const notes = [
      `- autocannon 7 (programmatic), ${CONNECTIONS} connections, POST with a JSON body, ${WARMUP_S} s warm-up then ${DURATION_S} s measured per target, from one worker thread; every response was 2xx and byte-identical to the one checked before the load.`,
      "- (a) and (b) run on the main thread of the benchmark process; the gateway and the services are the launcher's processes (NODE_ENV=test, log level info), so (c)–(f) cross two processes and an HTTP hop per request. All of it, the load generator included, shares the machine's cores.",
      `- Data: ${seeded ? `${SEED_PRODUCTS} products published by one bank officer and ${SEED_DEMANDS} demands posted by one enterprise, through the gateway, before the load` : 'none seeded'}. (c) is one call to the product service (a page of 20 read from its database), (d) one call to the enterprise service, (e) one call to the monitor (its in-memory read model), (f) one call to identity (the user by id).`,
      `- Database round trip (median \`ping\` to MONGO_URL before the load): ${pingBefore === undefined ? 'not measured' : `${fmt(pingBefore, 1)} ms`}.`,
      ...(skipped.length ? [`- Not measured in this run: ${skipped.join('; ')}.`] : []),
    ].join('\n');
    const section = [
      '## Gateway: requests/s against bare servers',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machine()}`,
      `- Load average (1 / 5 / 15 min): ${loadAtStart} at the start, ${loadAverage()} at the end (anything else running on the machine shows here)`,
      `- Command: \`${reproduceCommand('tests/dist/perf/gateway-bench.js', ['BENCH_CONNECTIONS', 'BENCH_DURATION', 'BENCH_WARMUP', 'BENCH_GATEWAY_PRODUCTS', 'BENCH_GATEWAY_DEMANDS'])}\``,
      '',
      table,
      '',
      verdict,
      '',
      notes,
    ].join('\n');
    process.stdout.write(`\n${table}\n\n${verdict}\n\n${notes}\n`);
    writeSection('gateway', section);
    process.stdout.write('\ndocs/PERFORMANCE.md: gateway section updated\n');
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`gateway benchmark failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
