// Gateway benchmark (`npm run bench:gateway`): requests/s and latency with autocannon, at the same
// concurrency, for a bare node:http server, a bare graphql-yoga server (both started here on free
// loopback ports), and the real gateway started by the launcher: an authenticated
// `{ me { id email role } }` (one call to identity per request) and the unauthenticated
// `{ _health }`. Every row is compared with bare yoga. Prints a markdown table and rewrites its
// section of docs/PERFORMANCE.md.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createSchema, createYoga } from 'graphql-yoga';
import { mongoose } from '@yinqi/db';
import { fmt, loadAverage, machine, markdownTable, reproduceCommand, writeSection } from './performance-report';

const intEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 20);
const DURATION_S = intEnv('BENCH_DURATION', 10);
const WARMUP_S = intEnv('BENCH_WARMUP', 2);

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
  return createServer(yoga);
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
    throw new Error(`${target.name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.mismatches} unexpected bodies out of ${result['2xx'] + result.non2xx}`);
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
    const targets: Target[] = [
      { name: '(a) bare node:http, fixed JSON', url: `${httpUrl!}/`, body: HELLO, headers: {}, check: (j) => (j as { data?: { hello?: string } }).data?.hello === 'world' },
      { name: '(b) bare graphql-yoga, `{ hello }`', url: `${yogaUrl!}/graphql`, body: HELLO, headers: {}, check: (j) => (j as { data?: { hello?: string } }).data?.hello === 'world' },
      {
        name: '(c) gateway, authenticated `{ me { id email role } }`',
        url: gatewayUrl,
        body: JSON.stringify({ query: '{ me { id email role } }' }),
        headers: { authorization: `Bearer ${token}` },
        check: (j) => (j as { data?: { me?: { email?: string } } }).data?.me?.email === email,
      },
      {
        name: '(d) gateway, unauthenticated `{ _health }`',
        url: gatewayUrl,
        body: JSON.stringify({ query: '{ _health }' }),
        headers: {},
        check: (j) => typeof (j as { data?: { _health?: unknown } }).data?._health === 'string',
      },
    ];
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
    const notes = [
      `- autocannon 7 (programmatic), ${CONNECTIONS} connections, POST with a JSON body, ${WARMUP_S} s warm-up then ${DURATION_S} s measured per target, from one worker thread; every response was 2xx and byte-identical to the one checked before the load.`,
      '- (a) and (b) run on the main thread of the benchmark process; the gateway and the identity service are the launcher\'s processes (NODE_ENV=test, log level info), so (c) crosses two processes and an HTTP hop per request. All of it, the load generator included, shares the machine\'s cores.',
      `- Database round trip (median \`ping\` to MONGO_URL before the load): ${pingBefore === undefined ? 'not measured' : `${fmt(pingBefore, 1)} ms`}; (c) includes one read of the user by id in identity's database.`,
      '- DESIGN.md\'s gateway target (an authenticated `products(first: 20)` at ≥ 50% of bare yoga) is measured on a different query; (c) is the authenticated path with one service call per request.',
    ].join('\n');
    const section = [
      '## Gateway: requests/s against bare servers',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machine()}`,
      `- Load average (1 / 5 / 15 min): ${loadAtStart} at the start, ${loadAverage()} at the end (anything else running on the machine shows here)`,
      `- Command: \`${reproduceCommand('tests/dist/perf/gateway-bench.js', ['BENCH_CONNECTIONS', 'BENCH_DURATION', 'BENCH_WARMUP'])}\``,
      '',
      table,
      '',
      notes,
    ].join('\n');
    process.stdout.write(`\n${table}\n\n${notes}\n`);
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
