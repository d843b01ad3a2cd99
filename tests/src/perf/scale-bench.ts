// Scale benchmark (`npm run bench:scale`): every list the web console reads, through the gateway at
// 10 concurrent clients, with 10,000 enterprises, 2,000 products, 100,000 demands and the matches,
// guarantee requests and 20,000 loans they lead to in the store. Rewrites its section of
// docs/PERFORMANCE.md.
//
// How the data gets there. First the demo seed (tests/src/seed) runs through the gateway, so every
// service writes its own documents, events flow, and every read model (the copies other services
// keep from events) is built by the real consumers. Then a bulk loader multiplies that world:
// each enterprise, each product and each demand "tree" (the demand, its matches, guarantee
// requests, loans and every copy of them in any service's database) is cloned document by
// document, with every id in it replaced by a fresh one (UUID v7, like newId). So the clones are
// exactly what the services wrote, in the collections and under the indexes the services created,
// with nothing left in an outbox (as after the relay). Services that keep an in-memory model of
// their data (matching, capital) are restarted by the launcher's supervisor after the load.
// Not cloned: identity (the clones cannot sign in; lists do not read users) and the monitor (its
// dashboard is not a list).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { MongoClient, type AnyBulkWriteOperation, type Document } from 'mongodb';
import { newId } from '@yinqi/db';
import { gql, infraUrls, seededRandom } from '@yinqi/testing';
import { fmt, loadAverage, machine, markdownTable, percentile, REPO_ROOT, reproduceCommand, writeSection } from './performance-report';

const intEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

const TARGET = {
  enterprises: intEnv('BENCH_SCALE_ENTERPRISES', 10_000),
  products: intEnv('BENCH_SCALE_PRODUCTS', 2_000),
  demands: intEnv('BENCH_SCALE_DEMANDS', 100_000),
  loans: intEnv('BENCH_SCALE_LOANS', 20_000),
};
const CLIENTS = intEnv('BENCH_SCALE_CLIENTS', 10);
const REQUESTS = intEnv('BENCH_SCALE_REQUESTS', 200);
const WARMUP = 2;
const TARGET_P99_MS = 100;
const INSERT_CHUNK = 1_000;
const DEMO_PASSWORD = 'yinqi-demo-2026';

/** Services whose in-memory model is built from their database at start (restarted after the load). */
const IN_MEMORY_SERVICES = ['matching', 'capital'];
/** Databases not cloned (see the header). */
const NOT_CLONED = ['identity', 'monitor'];

interface Login {
  role: string;
  email: string;
  password: string;
}

/** The console's operation, with exactly the fragments it spreads (web/src/graphql/operations.graphql). */
function consoleOperations(): Map<string, string> {
  const doc = parse(readFileSync(path.join(REPO_ROOT, 'web/src/graphql/operations.graphql'), 'utf8'));
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const out = new Map<string, string>();
  for (const op of doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
    const used = new Set<string>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread(s) {
          if (used.has(s.name.value)) return;
          used.add(s.name.value);
          const f = fragments.get(s.name.value);
          if (f) collect(f);
        },
      });
    collect(op);
    const document: DocumentNode = {
      kind: 'Document' as DocumentNode['kind'],
      definitions: [op, ...[...used].map((n) => fragments.get(n)!)],
    };
    if (op.name) out.set(op.name.value, print(document));
  }
  return out;
}

async function login(email: string, password: string): Promise<string> {
  const r = await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
    e: email,
    p: password,
  });
  if (!r.data?.login) throw new Error(`login ${email}: ${JSON.stringify(r.errors)}`);
  return r.data.login.token;
}

function runSeed(loginsFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tests/dist/seed/seed.js')], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, YINQI_DEMO_LOGINS_FILE: loginsFile },
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed exited with ${code}`))));
  });
}

interface Stored {
  db: string;
  collection: string;
  doc: Document;
}

/** Every document of every cloned database of this stack's namespace. */
async function readWorld(client: MongoClient, prefix: string): Promise<Stored[]> {
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  const out: Stored[] = [];
  for (const { name } of databases) {
    if (!name.startsWith(`${prefix}_`) || NOT_CLONED.includes(name.slice(prefix.length + 1))) continue;
    for (const c of await client.db(name).listCollections({}, { nameOnly: true }).toArray()) {
      for (const doc of await client.db(name).collection(c.name).find({}).toArray()) out.push({ db: name, collection: c.name, doc });
    }
  }
  return out;
}

/** Waits until no document in the namespace carries unpublished events and the counts stay put. */
async function settle(client: MongoClient, prefix: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const world = await readWorld(client, prefix);
    const pending = world.filter((s) => Array.isArray(s.doc.outbox) && s.doc.outbox.length > 0).length;
    const shape = `${world.length}:${world.reduce((n, s) => n + (Number(s.doc.version) || 0), 0)}`;
    if (pending === 0 && shape === last) return;
    if (Date.now() > deadline)
      throw new Error(`the seeded world did not settle in ${timeoutMs / 1000}s (${pending} documents with events)`);
    last = shape;
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

/** A deep copy with every occurrence of an old id (in any string) replaced, dates and numbers kept. */
function remap(value: unknown, ids: Map<string, string>, pattern: RegExp): unknown {
  if (typeof value === 'string') return value.replace(pattern, (m) => ids.get(m)!);
  if (Array.isArray(value)) return value.map((v) => remap(v, ids, pattern));
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if ((value as { _bsontype?: string })._bsontype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[remap(k, ids, pattern) as string] = remap(v, ids, pattern);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A group of documents cloned together: an entity (or a demand tree) across every database. */
interface Unit {
  ids: string[];
  docs: Stored[];
}

function cloneUnit(unit: Unit, extra: Map<string, string>, at: number, out: Map<string, Document[]>): void {
  const ids = new Map(extra);
  for (const id of unit.ids) ids.set(id, newId(at));
  const pattern = new RegExp([...ids.keys()].map(escape).join('|'), 'g');
  for (const s of unit.docs) {
    const doc = remap(s.doc, ids, pattern) as Document;
    if (Array.isArray(doc.outbox)) doc.outbox = [];
    if (doc.createdAt instanceof Date) doc.createdAt = new Date(at);
    const key = `${s.db}\u0000${s.collection}`;
    const list = out.get(key);
    if (list) list.push(doc);
    else out.set(key, [doc]);
  }
}

/**
 * Inserts the collected clones, one database per service at a time each: the local store takes
 * writes to one database one at a time (one SQLite file), so the databases go side by side.
 */
async function insertAll(client: MongoClient, batches: Map<string, Document[]>): Promise<number> {
  const byDb = new Map<string, [string, Document[]][]>();
  for (const [key, docs] of batches) {
    const [db, collection] = key.split('\u0000') as [string, string];
    byDb.set(db, [...(byDb.get(db) ?? []), [collection, docs]]);
  }
  batches.clear();
  let n = 0;
  await Promise.all(
    [...byDb].map(async ([db, collections]) => {
      for (const [collection, docs] of collections) {
        const c = client.db(db).collection(collection);
        for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
          const ops = docs.slice(i, i + INSERT_CHUNK).map((document): AnyBulkWriteOperation => ({ insertOne: { document } }));
          await c.bulkWrite(ops, { ordered: false });
          n += ops.length;
        }
      }
    }),
  );
  return n;
}

interface LoadResult {
  seconds: number;
  seedSeconds: number;
  documents: number;
  counts: Record<string, number>;
}

async function load(client: MongoClient, prefix: string): Promise<LoadResult> {
  const rng = seededRandom(15).next;
  const world = await readWorld(client, prefix);
  const t0 = performance.now();
  const ofDb = (service: string, collection: string) => world.filter((s) => s.db === `${prefix}_${service}` && s.collection === collection);
  const enterprises = ofDb('enterprise', 'enterprises').map((s) => String(s.doc._id));
  const products = ofDb('product', 'products').map((s) => String(s.doc._id));
  const demands = ofDb('enterprise', 'demands').map((s) => s.doc);
  const loans = ofDb('loan', 'loans');
  const byId = new Map<string, Stored[]>();
  for (const s of world) {
    const id = String(s.doc._id);
    byId.set(id, [...(byId.get(id) ?? []), s]);
  }
  const entityUnit = (id: string): Unit => ({ ids: [id], docs: byId.get(id) ?? [] });
  // A demand's tree: documents naming the demand, then documents naming (or being) any of those.
  const treeOf = (demandId: string): Unit => {
    const ids = new Set([demandId]);
    for (const s of world) if (s.doc.demandId === demandId) ids.add(String(s.doc._id));
    for (const s of world) if (typeof s.doc.matchId === 'string' && ids.has(s.doc.matchId)) ids.add(String(s.doc._id));
    const docs = world.filter((s) => ids.has(String(s.doc._id)));
    return { ids: [...ids], docs };
  };
  const loanDemands = new Set(loans.map((s) => String(s.doc.demandId)));
  const trees = demands.map((d) => treeOf(String(d._id)));
  const withLoan = trees.filter((t) => loanDemands.has(t.ids[0]!));
  const withoutLoan = trees.filter((t) => !loanDemands.has(t.ids[0]!));
  const loanTreeCopies = Math.max(0, Math.round((TARGET.loans - loans.length) / Math.max(1, withLoan.length)));
  const otherTreeCopies = Math.max(
    0,
    Math.round((TARGET.demands - demands.length - loanTreeCopies * withLoan.length) / Math.max(1, withoutLoan.length)),
  );
  const enterpriseCopies = Math.max(0, Math.round((TARGET.enterprises - enterprises.length) / enterprises.length));
  const productCopies = Math.max(0, Math.round((TARGET.products - products.length) / products.length));
  const now = Date.now();
  const year = 365 * 24 * 3600 * 1000;
  const at = () => now - Math.floor(rng() * year);

  // Clones of each enterprise, so that cloned demands spread over clones of their enterprise.
  const batches = new Map<string, Document[]>();
  const enterpriseClones = new Map<string, string[]>();
  let documents = 0;
  for (const e of enterprises) {
    const clones: string[] = [e];
    for (let i = 0; i < enterpriseCopies; i += 1) {
      const unit = entityUnit(e);
      const when = at();
      const id = newId(when);
      cloneUnit({ ids: [], docs: unit.docs }, new Map([[e, id]]), when, batches);
      clones.push(id);
    }
    enterpriseClones.set(e, clones);
  }
  documents += await insertAll(client, batches);
  for (const p of products) for (let i = 0; i < productCopies; i += 1) cloneUnit(entityUnit(p), new Map(), at(), batches);
  documents += await insertAll(client, batches);
  const cloneTrees = async (list: Unit[], copies: number) => {
    for (let i = 0; i < copies; i += 1) {
      for (const tree of list) {
        const demand = byId.get(tree.ids[0]!)?.find((s) => s.collection === 'demands' && s.db === `${prefix}_enterprise`);
        const owner = String(demand?.doc.enterpriseId ?? '');
        const clones = enterpriseClones.get(owner) ?? [owner];
        const target = clones[Math.floor(rng() * clones.length)]!;
        // The enterprise's own copies stay (target === owner) or move to a clone of it.
        cloneUnit(tree, target === owner ? new Map() : new Map([[owner, target]]), at(), batches);
      }
      if (batches.size > 0 && [...batches.values()].reduce((n, l) => n + l.length, 0) > 20_000)
        documents += await insertAll(client, batches);
    }
    documents += await insertAll(client, batches);
  };
  await cloneTrees(withLoan, loanTreeCopies);
  await cloneTrees(withoutLoan, otherTreeCopies);

  return { seconds: (performance.now() - t0) / 1000, seedSeconds: 0, documents, counts: await countAll(client, prefix) };
}

async function countAll(client: MongoClient, prefix: string): Promise<Record<string, number>> {
  const count = (service: string, collection: string) => client.db(`${prefix}_${service}`).collection(collection).countDocuments({});
  return {
    enterprises: await count('enterprise', 'enterprises'),
    products: await count('product', 'products'),
    demands: await count('enterprise', 'demands'),
    matches: await count('matching', 'matches'),
    'guarantee requests': await count('guarantee', 'guarantee_requests'),
    loans: await count('loan', 'loans'),
    'listing candidates': await count('capital', 'listing_candidates'),
  };
}

/** Kills the in-memory services by pid; the launcher's supervisor starts them again, reading the load. */
async function restartInMemoryServices(): Promise<void> {
  const pids = (process.env.YINQI_STACK_PIDS ?? '').split(',').map((p) => p.split(':') as [string, string]);
  for (const [name, pid] of pids) if (IN_MEMORY_SERVICES.includes(name)) process.kill(Number(pid), 'SIGTERM');
  const health = process.env.GATEWAY_HEALTH_URL ?? 'http://127.0.0.1:4000/healthz';
  await new Promise((r) => setTimeout(r, 3_000));
  const deadline = Date.now() + 600_000;
  for (;;) {
    const ok = await fetch(health).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the stack was not healthy again within 10 minutes of the restart');
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

interface ListCase {
  label: string;
  operation: string;
  variables: Record<string, unknown>;
  token: string;
  /** What the list says it holds (totalCount, or the array's length). */
  size?: number;
}

interface ListResult {
  label: string;
  size: number;
  latencies: number[];
  errors: number;
  firstError?: string;
}

async function measure(ops: Map<string, string>, c: ListCase): Promise<ListResult> {
  const query = ops.get(c.operation);
  if (!query) throw new Error(`the console has no operation ${c.operation}`);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let size = 0;
  const once = async (record: boolean) => {
    const t = performance.now();
    const r = await gql(query, c.variables, c.token);
    const ms = performance.now() - t;
    if (r.errors?.length || !r.data) {
      errors += record ? 1 : 0;
      firstError ??= JSON.stringify(r.errors ?? r).slice(0, 300);
      return;
    }
    const field = Object.values(r.data)[0] as { totalCount?: number } | unknown[];
    size = Array.isArray(field) ? field.length : ((field as { totalCount?: number }).totalCount ?? 0);
    if (record) latencies.push(ms);
  };
  for (let i = 0; i < WARMUP; i += 1) await once(false);
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next++ < REQUESTS) await once(true);
    }),
  );
  return { label: c.label, size, latencies: latencies.sort((a, b) => a - b), errors, ...(firstError ? { firstError } : {}) };
}

async function main() {
  const loadAtStart = loadAverage();
  const started = Date.now();
  const prefix = process.env.YINQI_DB_PREFIX;
  if (!prefix || !process.env.GATEWAY_URL)
    throw new Error('run through the launcher: `npm run bench:scale` (YINQI_DB_PREFIX and GATEWAY_URL unset)');
  const client = new MongoClient(infraUrls().mongoUrl);
  await client.connect();
  try {
    // BENCH_SCALE_LOADED=<logins file>: measure a namespace loaded by an earlier run (YINQI_DB_PREFIX
    // names it; `YINQI_DB_PREFIX=… YINQI_TOPIC_PREFIX=… npm start` serves it), e.g. to compare a fix on the same data.
    const reuse = process.env.BENCH_SCALE_LOADED;
    const loginsFile = reuse ?? path.join(REPO_ROOT, '.data', `scale-bench-logins-${prefix}.json`);
    let loaded: LoadResult;
    let restartSeconds = 0;
    if (reuse) {
      // Counted once by the run that loaded them: a count of the whole of each collection costs minutes on the local store at this size.
      loaded = { seconds: NaN, seedSeconds: NaN, documents: NaN, counts: {} };
    } else {
      process.stdout.write('scale: demo seed through the gateway…\n');
      const s0 = performance.now();
      await runSeed(loginsFile);
      await settle(client, prefix);
      const seedSeconds = (performance.now() - s0) / 1000;
      process.stdout.write(`scale: seeded in ${seedSeconds.toFixed(0)} s; bulk load…\n`);
      loaded = await load(client, prefix);
      loaded.seedSeconds = seedSeconds;
      process.stdout.write(
        `scale: ${fmt(loaded.documents)} documents in ${loaded.seconds.toFixed(0)} s: ${JSON.stringify(loaded.counts)}; restarting ${IN_MEMORY_SERVICES.join(', ')}…\n`,
      );
      const r0 = performance.now();
      await restartInMemoryServices();
      restartSeconds = (performance.now() - r0) / 1000;
    }

    const logins = JSON.parse(readFileSync(loginsFile, 'utf8')) as Login[];
    const find = (prefixOfEmail: string) => logins.find((l) => l.email.startsWith(prefixOfEmail));
    const as = async (prefixOfEmail: string) => login(find(prefixOfEmail)!.email, find(prefixOfEmail)!.password ?? DEMO_PASSWORD);
    const admin = await login(process.env.ADMIN_EMAIL ?? 'admin@yinqi.local', process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026');
    const [enterprise, bank, guarantor] = await Promise.all([as('ruishi@'), as('bank.yuxi@'), as('guarantor.xingnong@')]);
    const ops = consoleOperations();
    const cases: ListCase[] = [
      { label: 'enterprise `myDemands` (MyDemands)', operation: 'MyDemands', variables: {}, token: enterprise },
      { label: 'bank officer `bankMatches(first: 100)` (BankMatches)', operation: 'BankMatches', variables: {}, token: bank },
      { label: 'finance centre `loans(first: 100)` (Loans)', operation: 'Loans', variables: {}, token: admin },
      { label: 'bank officer `loans(first: 100)` (Loans)', operation: 'Loans', variables: {}, token: bank },
      {
        label: 'guarantor `guaranteeRequests(first: 100)` (GuarantorRequests)',
        operation: 'GuarantorRequests',
        variables: {},
        token: guarantor,
      },
      { label: 'enterprise `products(first: 100)` (Products)', operation: 'Products', variables: {}, token: enterprise },
      {
        label: 'finance centre `enterprises(tier: MUNICIPAL_SRDI, first: 100)` (Enterprises)',
        operation: 'Enterprises',
        variables: { tier: 'MUNICIPAL_SRDI' },
        token: admin,
      },
      { label: 'finance centre `enterprises(first: 100)`, no tier (Enterprises)', operation: 'Enterprises', variables: {}, token: admin },
      {
        label: 'finance centre `listingPipeline(first: 100)` (ListingPipeline)',
        operation: 'ListingPipeline',
        variables: {},
        token: admin,
      },
    ];
    // BENCH_SCALE_LISTS=Loans,Enterprises: only the console operations named (to re-measure a fix).
    const only = process.env.BENCH_SCALE_LISTS?.split(',').map((x) => x.trim());
    const results: ListResult[] = [];
    for (const c of cases.filter((x) => !only || only.includes(x.operation))) {
      process.stdout.write(`scale: ${c.label}…\n`);
      const r = await measure(ops, c);
      results.push(r);
      process.stdout.write(
        `  ${fmt(r.size)} items; p50 ${fmt(percentile(r.latencies, 50))} ms, p99 ${fmt(percentile(r.latencies, 99))} ms, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ''}\n`,
      );
    }
    const rows = results.map((r) => {
      const p = (q: number) => fmt(percentile(r.latencies, q));
      const p99 = percentile(r.latencies, 99);
      return [
        r.label,
        fmt(r.size),
        r.latencies.length,
        p(50),
        p(95),
        p(99),
        fmt(r.latencies.at(-1) ?? NaN),
        r.errors,
        r.errors === 0 && p99 < TARGET_P99_MS ? 'met' : '**not met**',
      ];
    });
    const table = markdownTable(
      [
        'List (console operation)',
        'Items in the list',
        'Requests',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'Errors',
        `p99 < ${TARGET_P99_MS} ms`,
      ],
      rows,
    );
    const countsTable = Object.keys(loaded.counts).length
      ? markdownTable(
          ['In the store after the load', 'Documents'],
          Object.entries(loaded.counts).map(([k, v]) => [k, fmt(v)]),
        )
      : '(document counts: see the run that loaded this namespace)';
    const errorNotes = results.filter((r) => r.firstError).map((r) => `- ${r.label}: first error ${r.firstError}`);
    const notes = [
      reuse
        ? `- Data: loaded by an earlier run of this benchmark (namespace \`${prefix}\`, BENCH_SCALE_LOADED), served by a stack started on it.`
        : `- Load: the demo seed through the gateway (${loaded.seedSeconds.toFixed(0)} s, until every outbox was empty and the read models stopped changing), then a bulk loader that clones each seeded enterprise, product and demand tree (the demand, its matches, guarantee requests, loans and every other service's copy of them, found by id across the databases) with fresh UUID v7 ids and creation times spread over a year: ${fmt(loaded.documents)} documents in **${loaded.seconds.toFixed(0)} s**, into the collections the services created, under their indexes; nothing left in an outbox. Identity and the monitor are not cloned (clones cannot sign in; the dashboard is not a list). Then ${IN_MEMORY_SERVICES.join(' and ')} (in-memory models built from the database at start) restarted by the launcher's supervisor: healthy again after ${restartSeconds.toFixed(0)} s.`,
      `- Each list: the console's own operation and selection set (web/src/graphql/operations.graphql, fragments included), ${WARMUP} warm-up requests, then ${REQUESTS} requests from ${CLIENTS} concurrent clients (closed loop), as the demo accounts (enterprise ruishi, bank officer bank.yuxi of its bank, guarantor xingnong, the finance centre). A response with GraphQL errors counts as an error, not a latency.`,
      `- Whole run ${((Date.now() - started) / 60_000).toFixed(1)} min; everything (client, gateway, services, Kafka, FerretDB) on this one machine.`,
      ...errorNotes,
    ].join('\n');
    const section = [
      '## Lists at scale through the gateway',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machine()}`,
      `- Load average (1 / 5 / 15 min): ${loadAtStart} at the start, ${loadAverage()} at the end (anything else running on the machine shows here)`,
      `- Command: \`${reproduceCommand('tests/dist/perf/scale-bench.js', ['BENCH_SCALE_ENTERPRISES', 'BENCH_SCALE_PRODUCTS', 'BENCH_SCALE_DEMANDS', 'BENCH_SCALE_LOANS', 'BENCH_SCALE_CLIENTS', 'BENCH_SCALE_REQUESTS', 'BENCH_SCALE_LOADED', 'BENCH_SCALE_LISTS', 'YINQI_DB_PREFIX'])}\``,
      '',
      countsTable,
      '',
      table,
      '',
      `Target (DESIGN.md: every list the console uses, p99 < ${TARGET_P99_MS} ms at scale): ${rows.filter((r) => r[8] === 'met').length} of ${rows.length} met.`,
      '',
      notes,
    ].join('\n');
    process.stdout.write(`\n${countsTable}\n\n${table}\n\n${notes}\n`);
    writeSection('scale', section);
    process.stdout.write('\ndocs/PERFORMANCE.md: scale section updated\n');
  } finally {
    await client.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`scale benchmark failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
