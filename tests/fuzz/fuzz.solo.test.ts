// The fuzz stage (issue 21): Schemathesis, an independent property-based GraphQL fuzzer, against the
// gateway of a fresh stack holding the demo seed — every operation of the live schema, as each role
// and anonymous, in a fixed time budget with a recorded seed. Any HTTP 5xx or an error outside the
// contract's client codes (INTERNAL_SERVER_ERROR above all) fails it with the request that caused it.
// Afterwards the platform must still be consistent: the dashboard equals what the services hold, and
// every document the run created or changed is explained by a mutation that answered success.
// A solo test: it reads the whole store, so nothing else may write to it. tests/fuzz/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import {
  getNamedType,
  isInputObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  buildClientSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
} from 'graphql';
import { gql, waitFor } from '@yinqi/testing';
import { runSeed, type SeedResult } from '../src/seed/seed';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMATHESIS = path.join(ROOT, 'infra/.cache/venv/bin/schemathesis');
const OUT = path.join(process.env.YINQI_DATA_DIR ?? path.join(ROOT, '.data'), 'artifacts/fuzz');
const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@yinqi.local';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026';
/** The whole fuzz's time budget in seconds, shared by the roles (Schemathesis's max-time for each). */
const BUDGET_S = Number(process.env.FUZZ_BUDGET_S ?? 240);
/** Replays a run: every failure message names the seed it ran with. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const ROLES = ['FINANCE_CENTER', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER', 'ENTERPRISE', 'ANONYMOUS'] as const;
type Role = (typeof ROLES)[number];

/** Ids no service issues, each of which once reached an internal URL or a query (issue 21). */
const ODD_IDS = [
  '',
  '.',
  '..',
  '../..',
  '/',
  '%2e%2e',
  '.%2E',
  '..%2f',
  'a/../b',
  '?x=1',
  '#',
  '\\..',
  ' ',
  '{"$gt":""}',
  '65f0c0ffee0000000000dead',
  '0',
];
const ID_SHAPE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}(?:-[0-9a-f]{12})?/g;

interface Exchange {
  role: Role;
  operation: string;
  status: number;
  codes: (string | null)[];
  ok: boolean;
  query: string;
  data: Record<string, unknown> | null;
}

async function data<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await gql<T>(query, variables, token);
  if (r.errors || !r.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(r.errors)}`);
  return r.data;
}

async function signIn(email: string, password: string): Promise<string> {
  return (
    await data<{ login: { token: string } }>(
      'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }',
      { e: email, p: password },
      '',
    )
  ).login.token;
}

/** Every node of a connection, page by page. */
async function nodes<N>(field: string, selection: string, token: string, args = ''): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const r: Record<string, { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await data(
      `query($a:String){ c: ${field}(first:100, after:$a${args}){ edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { a: after },
      token,
    );
    out.push(...r.c!.edges.map((e) => e.node));
    if (!r.c!.pageInfo.hasNextPage) break;
    after = r.c!.pageInfo.endCursor;
  }
  return out;
}

/** Real ids of the seeded data, as the roles that may see them read them through the gateway. */
async function realIds(tokens: Record<Role, string>): Promise<string[]> {
  const fc = tokens.FINANCE_CENTER;
  const found = JSON.stringify(
    await Promise.all([
      nodes('enterprises', 'id', fc),
      nodes('loans', 'id match { id } enterprise { id } bank { id } reliefs { id }', fc),
      nodes('guaranteeRequests', 'id match { id } demand { id } quotes { id guarantor { id } }', fc),
      nodes('products', 'id bank { id }', fc),
      nodes('listingPipeline', 'enterprise { id }', fc),
      nodes('bondReserve', 'id enterprise { id }', fc),
      nodes('roadshows', 'id participants { enterprise { id } }', fc),
      nodes('bankMatches', 'id demand { id } product { id }', tokens.BANK_OFFICER),
      nodes('fundMatches', 'id round { id } mandate { id } fund { id }', tokens.FUND_OFFICER),
      data('{ myDemands { id matches { id } } myEquityRounds { id } me { id orgId } }', {}, tokens.ENTERPRISE),
    ]),
  );
  return [...new Set(found.match(ID_SHAPE) ?? [])];
}

/**
 * Plausible values by argument name, so that generated mutations pass validation often enough to
 * write (and to reach the rules behind validation); the generator's own values still come 20% of
 * the time, and every ID argument draws real and odd ids.
 */
const VALUES: Record<string, { names: string[]; values: (string | number)[] }> = {
  pages: { names: ['first'], values: [1, 2, 20, 100] },
  money: {
    names: ['amount', 'minAmount', 'maxAmount', 'minTicket', 'maxTicket', 'annualRevenue', 'rdSuperDeductionFiled', 'rdUpliftThreshold'],
    values: [100_000, 1_000_000, 5_000_000, 30_000_000],
  },
  months: {
    names: ['termMonths', 'minTermMonths', 'maxTermMonths', 'months', 'capacity', 'bankResponseSlaHours', 'employees', 'highValuePatents'],
    values: [1, 6, 12, 36, 72],
  },
  rates: {
    names: ['annualRate', 'annualRateMin', 'annualRateMax', 'maxAnnualRate', 'feeRate', 'guaranteeFeeRateCap', 'guaranteeFeeRateTarget'],
    values: [0.8, 1, 1.5, 3.2, 3.85, 4.5],
  },
  shares: {
    names: ['coverageRatio', 'riskShareGuarantor', 'riskShareBank', 'riskShareGovernment', 'preMoneyValuation'],
    values: [20, 30, 50, 80, 100],
  },
  quarters: { names: ['plannedQuarter'], values: ['2027Q1', '2026Q4'] },
};

/** `<Type>.<field>.<argument path>` → dictionary, for every argument and input field of the live schema that has one. */
async function bindings(): Promise<Record<string, string>> {
  const res = await fetch(GATEWAY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const schema = buildClientSchema(((await res.json()) as { data: IntrospectionQuery }).data);
  const out: Record<string, string> = {};
  const walk = (prefix: string, arg: GraphQLArgument | GraphQLInputField, depth: number) => {
    const named = getNamedType(arg.type);
    const key = `${prefix}.${arg.name}`;
    if (named.name === 'ID') out[key] = 'ids';
    else {
      const dict = Object.entries(VALUES).find(([, v]) => v.names.includes(arg.name));
      if (dict && ['Int', 'Float', 'String'].includes(named.name)) out[key] = dict[0];
    }
    if (isInputObjectType(named) && depth < 3) for (const f of Object.values(named.getFields())) walk(key, f, depth + 1);
  };
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) for (const a of field.args) walk(`${root!.name}.${field.name}`, a, 0);
  }
  return out;
}

function schemathesisConfig(ids: string[], bound: Record<string, string>): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (vs: (string | number)[]) => `[${vs.map((v) => (typeof v === 'string' ? q(v) : String(v))).join(', ')}]`;
  return [
    `hooks = ${q(path.join(ROOT, 'tests/fuzz/hooks.py'))}`,
    `seed = ${SEED}`,
    'workers = 2',
    'request-timeout = 30',
    'suppress-health-check = ["all"]',
    '[generation]',
    // Positive only: a negative case is a document GraphQL validation refuses before any resolver
    // runs (the hostile-input sweep covers those); the budget goes to requests that reach the services.
    'mode = "positive"',
    'max-examples = 20',
    'database = "none"',
    '[output.sanitization]',
    'enabled = false',
    '[checks]',
    'enabled = false',
    '[checks.contract_errors]',
    'enabled = true',
    '[dictionaries.ids]',
    // Odd ids repeated so that they are about half of the draws, whatever the number of real ids.
    `values = ${list([...ids, ...Array.from({ length: Math.max(1, Math.round(ids.length / ODD_IDS.length)) }, () => ODD_IDS).flat()])}`,
    ...Object.entries(VALUES).flatMap(([name, v]) => [`[dictionaries.${name}]`, `values = ${list(v.values)}`]),
    '[parameters]',
    ...Object.entries(bound).map(([key, dict]) => `${q(key)} = { dictionary = ${q(dict)}, probability = 0.8 }`),
    '',
  ].join('\n');
}

function runSchemathesis(
  role: Role,
  token: string | undefined,
  configFile: string,
  log: string,
  seconds: number,
): Promise<{ code: number; output: string }> {
  const args = [
    '--config-file',
    configFile,
    'run',
    GATEWAY_URL,
    '--no-color',
    '--max-time',
    String(seconds),
    ...(token ? ['-H', `Authorization: Bearer ${token}`] : []),
  ];
  return new Promise((resolve, reject) => {
    // cwd: Schemathesis keeps its crash cache (for `st replay <id>`) under .schemathesis/ there, with the other artifacts.
    const child = spawn(SCHEMATHESIS, args, {
      cwd: OUT,
      env: { ...process.env, FUZZ_LOG: log, FUZZ_ROLE: role, PYTHONHASHSEED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `_id → version` of every document of the collections the checks read, straight from the stores. */
type StoreSnapshot = Record<string, Map<string, number>>;
const WATCHED = {
  'identity.users': 'identity/users',
  'identity.institutions': 'identity/institutions',
  'enterprise.enterprises': 'enterprise/enterprises',
  'enterprise.demands': 'enterprise/demands',
  'product.products': 'product/products',
  'capital.listing_candidates': 'capital/listing_candidates',
  'capital.bond_reserve': 'capital/bond_reserve',
  'capital.equity_rounds': 'capital/equity_rounds',
  'capital.fund_mandates': 'capital/fund_mandates',
  'capital.roadshows': 'capital/roadshows',
} as const;
type Watched = keyof typeof WATCHED;

let conn: mongoose.Connection;
const db = (service: string) => conn.useDb(`${process.env.YINQI_DB_PREFIX}_${service}`, { useCache: true });
const collection = (key: string) => {
  const [service, name] = key.split('.') as [string, string];
  return db(service).collection(name);
};

async function snapshotStores(): Promise<StoreSnapshot> {
  const out: StoreSnapshot = {};
  for (const key of Object.keys(WATCHED)) {
    const docs = await collection(key)
      .find({}, { projection: { _id: 1, version: 1, updatedAt: 1 } })
      .toArray();
    out[key] = new Map(docs.map((d) => [String(d._id), Number(d.version ?? (d.updatedAt instanceof Date ? d.updatedAt.getTime() : 0))]));
  }
  return out;
}

/** Which mutations create a document in which watched collection, and which may change one. */
const CREATES: Partial<Record<Watched, string[]>> = {
  'identity.users': ['registerEnterprise', 'createUser'],
  'identity.institutions': ['createInstitution'],
  'enterprise.demands': ['postDemand'],
  'product.products': ['publishProduct'],
  'capital.bond_reserve': ['addBondReserve'],
  'capital.equity_rounds': ['postEquityRound'],
  'capital.fund_mandates': ['publishFundMandate'],
  'capital.roadshows': ['scheduleRoadshow'],
};
/** The mutations that change a document of these collections, named by an id in their arguments (commands only: no event moves them). */
const CHANGES: Partial<Record<Watched, string[]>> = {
  'identity.institutions': [],
  'product.products': ['suspendProduct'],
  'capital.listing_candidates': ['setListingStage', 'assignListingCoach', 'markListingRewardPaid'],
  'capital.bond_reserve': [],
  'capital.fund_mandates': [],
  'capital.roadshows': ['joinRoadshow', 'recordRoadshowLead'],
};

const DASHBOARD = `{ dashboard { demandsPosted amountRequested amountDisbursed loansActive loansOverdue bondReserveAmount equityRoundsOpen roadshowLeads
  listingByStage { stage count } reliefRequests { kind pending approved declined } } }`;

/** The dashboard's numbers as the services' own stores hold them. */
async function dashboardFromStores() {
  const demands = await db('enterprise')
    .collection('demands')
    .find({}, { projection: { amount: 1 } })
    .toArray();
  const loans = await db('loan')
    .collection('loans')
    .find({}, { projection: { amount: 1, status: 1, reliefs: 1 } })
    .toArray();
  const bonds = await db('capital')
    .collection('bond_reserve')
    .find({}, { projection: { amount: 1 } })
    .toArray();
  const rounds = await db('capital')
    .collection('equity_rounds')
    .find({}, { projection: { status: 1 } })
    .toArray();
  const shows = await db('capital')
    .collection('roadshows')
    .find({}, { projection: { leads: 1 } })
    .toArray();
  const candidates = await db('capital')
    .collection('listing_candidates')
    .find({}, { projection: { stage: 1 } })
    .toArray();
  const reliefs = loans.flatMap((l) => (l.reliefs ?? []) as { kind: string; status: string }[]);
  return {
    demandsPosted: demands.length,
    amountRequested: demands.reduce((s, d) => s + d.amount, 0),
    amountDisbursed: loans.reduce((s, l) => s + l.amount, 0),
    loansActive: loans.filter((l) => l.status === 'ACTIVE').length,
    loansOverdue: loans.filter((l) => l.status === 'OVERDUE').length,
    bondReserveAmount: bonds.reduce((s, b) => s + b.amount, 0),
    equityRoundsOpen: rounds.filter((r) => r.status === 'OPEN').length,
    roadshowLeads: shows.reduce((s, r) => s + ((r.leads ?? []) as unknown[]).length, 0),
    listingByStage: ['RESERVE', 'TUTORING', 'NEEQ_BASIC', 'NEEQ_INNOVATION', 'BSE_FILED', 'LISTED'].map((stage) => ({
      stage,
      count: candidates.filter((c) => c.stage === stage).length,
    })),
    reliefRequests: ['DEFERRAL', 'RENEWAL_WITHOUT_REPAYMENT', 'BRIDGE_FUND'].map((kind) => {
      const of = reliefs.filter((r) => r.kind === kind);
      return {
        kind,
        pending: of.filter((r) => r.status === 'PENDING').length,
        approved: of.filter((r) => r.status === 'APPROVED').length,
        declined: of.filter((r) => r.status === 'DECLINED').length,
      };
    }),
  };
}

const mutationOf = (e: Exchange) => (e.operation.startsWith('Mutation.') ? e.operation.slice('Mutation.'.length) : null);

describe('every operation, fuzzed by Schemathesis as every role (solo: it reads the whole store)', () => {
  let tokens: Record<Role, string>;
  let fuzzEnterpriseId: string;
  let before: StoreSnapshot;
  let exchanges: Exchange[] = [];

  beforeAll(async () => {
    if (!existsSync(SCHEMATHESIS))
      throw new Error(
        `Schemathesis is missing at ${SCHEMATHESIS}: npm test installs it (infra/launcher/fuzzer.mjs); run the tests through it`,
      );
    if (!process.env.MONGO_URL || !process.env.YINQI_DB_PREFIX)
      throw new Error('MONGO_URL and YINQI_DB_PREFIX are not set: run this test through npm test');
    conn = await mongoose.createConnection(process.env.MONGO_URL).asPromise();
    const seeded: SeedResult = await runSeed({
      gatewayUrl: GATEWAY_URL,
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      force: true,
      log: () => undefined,
    }); // force: on a store seeded before, a run still yields every login
    const loginOf = (role: Role) => seeded.logins.find((l) => l.role === role);
    const pairs = await Promise.all(
      ROLES.map(async (role) => {
        if (role === 'ANONYMOUS') return [role, ''] as const;
        const l = loginOf(role);
        if (!l) throw new Error(`the demo seed has no ${role} login`);
        return [role, await signIn(l.email, l.password)] as const;
      }),
    );
    tokens = Object.fromEntries(pairs) as Record<Role, string>;
    fuzzEnterpriseId = (await data<{ me: { orgId: string } }>('{ me { orgId } }', {}, tokens.ENTERPRISE)).me.orgId;
  }, 600_000);

  afterAll(async () => {
    await conn?.close();
  });

  it('answers every generated request without a server error', async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const [ids, bound] = await Promise.all([realIds(tokens), bindings()]);
    expect(ids.length).toBeGreaterThan(100); // the seed's enterprises, loans, reliefs, matches, … reached the dictionary
    expect(Object.values(bound).filter((d) => d === 'ids').length).toBeGreaterThan(20);
    // Anonymous callers meet UNAUTHENTICATED almost everywhere: half a share of the budget is enough.
    const perRole = Math.max(5, Math.floor(BUDGET_S / (ROLES.length - 0.5)));
    const configFile = path.join(OUT, 'schemathesis.toml');
    writeFileSync(configFile, schemathesisConfig(ids, bound));
    const log = path.join(OUT, 'exchanges.ndjson');
    before = await snapshotStores();

    const started = Date.now();
    const failures: string[] = [];
    for (const role of ROLES) {
      const maxTime = role === 'ANONYMOUS' ? Math.max(5, Math.floor(perRole / 2)) : perRole;
      const { code, output } = await runSchemathesis(role, tokens[role] || undefined, configFile, log, maxTime);
      writeFileSync(path.join(OUT, `schemathesis-${role}.log`), output);
      if (code !== 0)
        failures.push(
          `── as ${role} (exit ${code}; seed ${SEED}, replay: FUZZ_SEED=${SEED} npm test -- tests/fuzz) ──\n${output.slice(-12_000)}`,
        );
    }
    const seconds = (Date.now() - started) / 1000;
    exchanges = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Exchange);
    const operations = new Set(exchanges.map((e) => e.operation));
    const byRole = Object.fromEntries(ROLES.map((r) => [r, exchanges.filter((e) => e.role === r).length]));
    const summary = {
      seed: SEED,
      budgetSeconds: BUDGET_S,
      perRoleSeconds: perRole,
      seconds,
      requests: exchanges.length,
      operations: operations.size,
      byRole,
      realIds: ids.length,
      idArguments: Object.values(bound).filter((d) => d === 'ids').length,
      ok: exchanges.filter((e) => e.ok).length,
    };
    writeFileSync(path.join(OUT, 'summary.json'), JSON.stringify(summary, null, 2));
    process.stdout.write(`[fuzz] ${JSON.stringify(summary)}\n`);

    expect(failures.join('\n\n')).toBe('');
    // Every operation was reached as every role, and the run did real work.
    const names = await data<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
      {},
      '',
    );
    const all = [
      ...names.__schema.queryType.fields.map((f) => `Query.${f.name}`),
      ...names.__schema.mutationType.fields.map((f) => `Mutation.${f.name}`),
    ];
    for (const role of ROLES) {
      const reached = new Set(exchanges.filter((e) => e.role === role).map((e) => e.operation));
      expect({ role, missing: all.filter((op) => !reached.has(op)) }).toEqual({ role, missing: [] });
    }
    expect(exchanges.filter((e) => e.ok && e.operation.startsWith('Mutation.')).length).toBeGreaterThan(0);
  }, 1_200_000);

  it('wrote only what a successful mutation explains', async () => {
    expect(exchanges.length).toBeGreaterThan(0);
    const after = await snapshotStores();
    const okCount = (names: string[]) => exchanges.filter((e) => e.ok && names.includes(mutationOf(e) ?? '')).length;
    const explained = (names: string[]) =>
      new Set(exchanges.filter((e) => e.ok && names.includes(mutationOf(e) ?? '')).flatMap((e) => e.query.match(ID_SHAPE) ?? []));
    const problems: string[] = [];
    for (const [key, names] of Object.entries(CREATES) as [Watched, string[]][]) {
      const created = [...after[key]!.keys()].filter((id) => !before[key]!.has(id)).length;
      if (created !== okCount(names))
        problems.push(`${key}: ${created} documents created, ${okCount(names)} successful ${names.join('/')}`);
    }
    for (const [key, names] of Object.entries(CHANGES) as [Watched, string[]][]) {
      const allowed = explained(names);
      const changed = [...after[key]!.entries()].filter(([id, v]) => before[key]!.has(id) && before[key]!.get(id) !== v).map(([id]) => id);
      for (const id of changed)
        if (!allowed.has(id)) problems.push(`${key}: ${id} changed, and no successful ${names.join('/') || 'mutation'} named it`);
    }
    // Enterprises change on certification (by id) and on the fuzzing enterprise's own profile update.
    const certified = explained(['certifyEnterprise']);
    if (okCount(['updateEnterpriseProfile']) > 0) certified.add(fuzzEnterpriseId);
    for (const [id, v] of after['enterprise.enterprises']!) {
      if (before['enterprise.enterprises']!.has(id) && before['enterprise.enterprises']!.get(id) !== v && !certified.has(id))
        problems.push(`enterprise.enterprises: ${id} changed, and no successful certifyEnterprise/updateEnterpriseProfile named it`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('leaves a dashboard that equals what the services hold', async () => {
    const admin = tokens.FINANCE_CENTER;
    let last: { dashboard: unknown; stores: unknown } | null = null;
    await waitFor(
      async () => {
        const [d, stores] = await Promise.all([data<{ dashboard: Record<string, unknown> }>(DASHBOARD, {}, admin), dashboardFromStores()]);
        last = { dashboard: d.dashboard, stores };
        try {
          expect(d.dashboard).toEqual(stores); // not util.isDeepStrictEqual: fetch's objects come from another realm than jest's
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, intervalMs: 1_000, message: 'the dashboard to catch up with the stores' },
    ).catch(() => undefined);
    const shown = last as { dashboard: unknown; stores: unknown } | null;
    expect(shown?.dashboard).toEqual(shown?.stores);
  }, 120_000);
});
