// The hostile-input sweep (issue 8): hundreds of malformed or hostile requests, generated from the
// public contract for every mutation — wrong types, out-of-range numbers, huge strings, operator
// objects where strings belong, other users' ids, missing/expired/forged tokens. Each must be
// answered with one of the contract's error codes (never a 5xx, never a masked internal error) and
// none may write anything: the counts afterwards equal the counts before. A solo test: it runs on a
// stack of its own, so "nothing changed" can be checked on everything the store holds.
import { mintCurrent, mintForeign } from '../support/tokens';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { aUscc, anEmail, gql, waitFor } from '@yinqi/testing';
import { createOfficer, PASSWORD, postDemand, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';

const contract = buildSchema(readFileSync(path.resolve(__dirname, '../../docs/contract.graphql'), 'utf8'));
const CONTRACT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'POLICY_VIOLATION'];
const GATEWAY = () => process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const NO_SUCH_ID = '65f0c0ffee0000000000dead';

type Caller = 'none' | 'admin' | 'enterprise' | 'bank' | 'guarantor' | 'fund';
/** Who may call each mutation (API-CONTRACT "Operations"): hostile values are sent as that caller so they reach the validation they test. */
const CALLER: Record<string, Caller> = {
  registerEnterprise: 'none',
  login: 'none',
  createInstitution: 'admin',
  createUser: 'admin',
  certifyEnterprise: 'admin',
  setPolicy: 'admin',
  setListingStage: 'admin',
  assignListingCoach: 'admin',
  markListingRewardPaid: 'admin',
  addBondReserve: 'admin',
  scheduleRoadshow: 'admin',
  updateEnterpriseProfile: 'enterprise',
  postDemand: 'enterprise',
  withdrawDemand: 'enterprise',
  acceptOffer: 'enterprise',
  selectGuaranteeQuote: 'enterprise',
  requestRelief: 'enterprise',
  postEquityRound: 'enterprise',
  joinRoadshow: 'enterprise',
  publishProduct: 'bank',
  suspendProduct: 'bank',
  respondToMatch: 'bank',
  makeOffer: 'bank',
  disburseLoan: 'bank',
  recordRepayment: 'bank',
  recordFollowUp: 'bank',
  decideRelief: 'bank',
  recordRoadshowLead: 'bank',
  submitGuaranteeQuote: 'guarantor',
  publishFundMandate: 'fund',
  respondToFundMatch: 'fund',
};
/** A caller of the wrong kind for each kind (FORBIDDEN expected). */
const WRONG_CALLER: Record<Exclude<Caller, 'none'>, Caller> = {
  admin: 'enterprise',
  enterprise: 'bank',
  bank: 'enterprise',
  guarantor: 'enterprise',
  fund: 'bank',
};

/** Values the contract's validation section refuses, by argument or input-field name. */
const OUT_OF_RANGE: Record<string, unknown[]> = {
  amount: [0, -1, 2_000_000_001],
  minAmount: [0, 2_000_000_001],
  maxAmount: [0, 2_000_000_001],
  minTicket: [0, -5],
  maxTicket: [2_000_000_001],
  termMonths: [0, 361],
  minTermMonths: [0],
  maxTermMonths: [361],
  annualRate: [0, -1, 36.01],
  annualRateMin: [0, 36.5],
  annualRateMax: [-2, 37],
  maxAnnualRate: [0, 40],
  feeRate: [0, 10.01],
  guaranteeFeeRateCap: [0, 10.5],
  guaranteeFeeRateTarget: [-1, 11],
  coverageRatio: [0, 100.01],
  rdUpliftRatio: [-0.1, 1.01],
  riskShareGuarantor: [101, -1],
  capacity: [0, -1],
  months: [0, -3],
  bankResponseSlaHours: [0, -1],
  preMoneyValuation: [0, -1],
  employees: [-1],
  annualRevenue: [-1],
  highValuePatents: [-1],
  rdSuperDeductionFiled: [-1],
  name: ['', 'x'.repeat(101)],
  title: ['x'.repeat(101)],
  coach: ['x'.repeat(101)],
  description: ['x'.repeat(2001)],
  reason: ['x'.repeat(2001)],
  note: ['x'.repeat(2001)],
  conditions: ['x'.repeat(2001)],
  pitch: ['x'.repeat(2001)],
  purpose: ['x'.repeat(2001)],
  useOfFunds: ['x'.repeat(2001)],
  email: ['not-an-email', `a@${'x'.repeat(260)}.cn`, '{"$gt":""}'],
  password: ['short', 'x'.repeat(129)],
  uscc: ['91500111MA5U00000X', '123', '{"$ne":null}'],
  plannedQuarter: ['2026Q5', 'Q3-2026'],
};
/** Values a GraphQL type refuses before any service sees them, by scalar. */
const WRONG_TYPE: Record<string, unknown[]> = {
  Int: ['12', 1.5, 2 ** 31, { $gt: 0 }],
  Float: ['1.5', { $gt: 0 }, [1]],
  String: [{ $gt: '' }, ['x'], 42],
  ID: [{ $ne: null }, ['x']],
  Boolean: ['true', 1],
  DateTime: ['yesterday', '2026-13-45T99:00:00Z', { $gt: '' }],
};

interface Actors {
  admin: string;
  a: EnterpriseActor;
  b: EnterpriseActor;
  bank: { token: string; institutionId: string };
  otherBank: { token: string; institutionId: string };
  guarantor: { token: string; institutionId: string };
  fund: { token: string; institutionId: string };
  demandId: string;
  productId: string;
}
let actors: Actors;
const tokenOf = (c: Caller): string | undefined =>
  c === 'none'
    ? undefined
    : c === 'admin'
      ? actors.admin
      : c === 'enterprise'
        ? actors.a.token
        : c === 'bank'
          ? actors.bank.token
          : c === 'guarantor'
            ? actors.guarantor.token
            : actors.fund.token;

/** A plausible valid value per type and name, so a variant fails only for the value under test. */
function validValue(name: string, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return validValue(name, type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) {
    const preferred: Record<string, string> = {
      InstitutionKind: 'BANK',
      Role: 'BANK_OFFICER',
      EnterpriseTier: 'MUNICIPAL_SRDI',
      ListingStage: 'RESERVE',
    };
    return preferred[type.name] ?? type.getValues()[0]!.value;
  }
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, validValue(f.name, f.type)]));
  const named = getNamedType(type).name;
  const byName: Record<string, unknown> = {
    amount: 1_000_000,
    minAmount: 100_000,
    maxAmount: 5_000_000,
    minTicket: 1_000_000,
    maxTicket: 50_000_000,
    termMonths: 12,
    minTermMonths: 1,
    maxTermMonths: 36,
    annualRate: 3.85,
    annualRateMin: 3.2,
    annualRateMax: 4.5,
    maxAnnualRate: 6,
    feeRate: 1,
    coverageRatio: 80,
    rdUpliftRatio: 0.2,
    rdUpliftThreshold: 1_000_000,
    riskShareGuarantor: 50,
    riskShareBank: 20,
    riskShareGovernment: 30,
    guaranteeFeeRateCap: 1.5,
    guaranteeFeeRateTarget: 1,
    bankResponseSlaHours: 72,
    capacity: 20,
    months: 3,
    preMoneyValuation: 300_000_000,
    employees: 120,
    annualRevenue: 80_000_000,
    highValuePatents: 3,
    rdSuperDeductionFiled: 2_000_000,
    email: anEmail('sweep'),
    password: PASSWORD,
    uscc: aUscc(),
    plannedQuarter: '2027Q1',
    enterpriseId: '',
    institutionId: '',
  };
  if (name in byName) {
    if (name === 'enterpriseId') return actors.a.enterpriseId;
    if (name === 'institutionId') return actors.bank.institutionId;
    return byName[name];
  }
  if (named === 'Int') return 1;
  if (named === 'Float') return 1;
  if (named === 'Boolean') return false;
  if (named === 'DateTime') return new Date(Date.now() + 86_400_000).toISOString();
  if (named === 'ID') return NO_SUCH_ID;
  return `扫描测试 ${name}`;
}

interface Variant {
  label: string;
  mutation: string;
  caller: Caller;
  token?: string;
  variables: Record<string, unknown>;
  /** Codes that count as the right answer (default: any contract code). */
  expect?: string[];
}

/** The variable type of an argument as a client would declare it. */
const typeRef = (t: GraphQLInputType): string => String(t);

function documentFor(field: string, args: readonly GraphQLArgument[]): string {
  const decl = args.map((a) => `$${a.name}: ${typeRef(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation${decl ? `(${decl})` : ''} { r: ${field}${call ? `(${call})` : ''} { __typename } }`;
}

/** Every leaf (argument or input field) of a mutation with a setter into a copy of the variables. */
function leaves(args: readonly GraphQLArgument[]) {
  const out: { path: string[]; name: string; type: GraphQLInputType }[] = [];
  const walk = (pathSoFar: string[], name: string, type: GraphQLInputType) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isInputObjectType(inner)) for (const f of Object.values(inner.getFields())) walk([...pathSoFar, f.name], f.name, f.type);
    out.push({ path: pathSoFar, name, type });
  };
  for (const a of args) walk([a.name], a.name, a.type);
  return out;
}

function withValue(base: Record<string, unknown>, at: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let node: Record<string, unknown> = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[at[at.length - 1]!];
  else node[at[at.length - 1]!] = value;
  return copy;
}

function generate(): Variant[] {
  const variants: Variant[] = [];
  const claims = { iss: 'yinqi-identity', aud: 'yinqi', sub: actors.a.userId, role: 'FINANCE_CENTER', orgId: null };
  const badTokens: [string, string][] = [
    ['expired token', mintCurrent({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, {})],
    ['forged token (HS256 secret)', jwt.sign(claims, 'not-the-secret-but-long-enough-0123456789', { algorithm: 'HS256', expiresIn: 600 })],
    ['forged token (a key not in the JWKS)', mintForeign(claims)],
    ['alg none token', jwt.sign(claims, '', { algorithm: 'none' })],
    ['garbage token', 'Bearer.this.is-not-a-jwt'],
  ];
  for (const field of Object.values(contract.getMutationType()!.getFields())) {
    const caller = CALLER[field.name] ?? 'admin';
    const base = Object.fromEntries(field.args.map((a) => [a.name, validValue(a.name, a.type)]));
    const push = (label: string, variables: Record<string, unknown>, opts: Partial<Variant> = {}) =>
      variants.push({ label: `${field.name}: ${label}`, mutation: field.name, caller, token: tokenOf(caller), variables, ...opts });
    if (caller !== 'none') {
      push('no token', base, { token: undefined, expect: ['UNAUTHENTICATED'] });
      for (const [label, token] of badTokens) push(label, base, { token, expect: ['UNAUTHENTICATED'] });
      const wrong = WRONG_CALLER[caller];
      push(`as ${wrong}`, base, { token: tokenOf(wrong), expect: ['FORBIDDEN', 'NOT_FOUND'] });
    }
    for (const leaf of leaves(field.args)) {
      const scalar = getNamedType(leaf.type);
      if (isNonNullType(leaf.type)) push(`${leaf.path.join('.')} null`, withValue(base, leaf.path, null));
      if (isScalarType(scalar) && !isListType(isNonNullType(leaf.type) ? leaf.type.ofType : leaf.type)) {
        for (const v of WRONG_TYPE[scalar.name] ?? [])
          push(`${leaf.path.join('.')} = ${JSON.stringify(v).slice(0, 30)}`, withValue(base, leaf.path, v));
        for (const v of OUT_OF_RANGE[leaf.name] ?? [])
          push(`${leaf.path.join('.')} = ${JSON.stringify(v).slice(0, 30)}`, withValue(base, leaf.path, v));
      }
      if (isEnumType(scalar)) push(`${leaf.path.join('.')} not a value`, withValue(base, leaf.path, 'NOT_A_VALUE'));
      if (isListType(isNonNullType(leaf.type) ? leaf.type.ofType : leaf.type))
        push(`${leaf.path.join('.')} = operator object`, withValue(base, leaf.path, { $in: ['x'] }));
    }
    if (field.args.some((a) => isInputObjectType(getNamedType(a.type)))) {
      const inputArg = field.args.find((a) => isInputObjectType(getNamedType(a.type)))!;
      push('unknown input field', withValue(base, [inputArg.name, '$where'], 'sleep(1000)'));
    }
  }
  return [...variants, ...ruleVariants()];
}

/** Hostile values that only a rule across fields or the stored data catches, one row each. */
function ruleVariants(): Variant[] {
  const product = validValue('input', contract.getType('ProductInput') as GraphQLInputType) as Record<string, unknown>;
  const officerOf = (institutionId: string) => ({
    input: { email: anEmail('sweep'), password: PASSWORD, role: 'BANK_OFFICER', institutionId },
  });
  const known = { email: actors.a.email, password: PASSWORD, name: '重名企业', uscc: aUscc(), industry: '五金', town: '龙水镇' };
  const BAD = ['BAD_USER_INPUT'];
  const rows: [mutation: string, label: string, token: string | undefined, variables: Record<string, unknown>, expect: string[]][] = [
    // min ≤ max in every range, and the policy's shares add up to 100.
    [
      'publishProduct',
      'minAmount > maxAmount',
      actors.bank.token,
      { input: { ...product, minAmount: 9_000_000, maxAmount: 1_000_000 } },
      BAD,
    ],
    [
      'publishProduct',
      'annualRateMin > annualRateMax',
      actors.bank.token,
      { input: { ...product, annualRateMin: 6, annualRateMax: 3 } },
      BAD,
    ],
    [
      'publishProduct',
      'minTermMonths > maxTermMonths',
      actors.bank.token,
      { input: { ...product, minTermMonths: 24, maxTermMonths: 12 } },
      BAD,
    ],
    [
      'setPolicy',
      'shares add up to 90',
      actors.admin,
      { input: { riskShareGuarantor: 50, riskShareBank: 20, riskShareGovernment: 20 } },
      BAD,
    ],
    // Other users' things.
    ['withdrawDemand', "another enterprise's demand", actors.b.token, { id: actors.demandId }, ['FORBIDDEN', 'NOT_FOUND']],
    ['suspendProduct', "another bank's product", actors.otherBank.token, { id: actors.productId }, ['FORBIDDEN', 'NOT_FOUND']],
    ['createUser', 'officer of a bank that does not exist', actors.admin, officerOf(NO_SUCH_ID), ['BAD_USER_INPUT', 'NOT_FOUND']],
    ['createUser', 'bank officer of a guarantor', actors.admin, officerOf(actors.guarantor.institutionId), ['BAD_USER_INPUT', 'CONFLICT']],
    ['registerEnterprise', 'an email already registered', undefined, { input: known }, ['CONFLICT', 'BAD_USER_INPUT']],
    ['login', 'operator object as password', undefined, { email: actors.a.email, password: { $ne: '' } }, BAD],
    ['login', 'wrong password', undefined, { email: actors.a.email, password: 'wrong-password-123' }, ['UNAUTHENTICATED']],
  ];
  return rows.map(([mutation, label, token, variables, expect]) => ({
    label: `${mutation}: ${label}`,
    mutation,
    caller: CALLER[mutation]!,
    token,
    variables,
    expect,
  }));
}

interface Answer {
  status: number;
  body: { data?: { r?: unknown } | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function send(variant: Variant): Promise<Answer> {
  const field = contract.getMutationType()!.getFields()[variant.mutation]!;
  const res = await fetch(GATEWAY(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(variant.token ? { authorization: `Bearer ${variant.token}` } : {}) },
    body: JSON.stringify({ query: documentFor(field.name, field.args), variables: variant.variables }),
  });
  const text = await res.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, body };
}

/** What the store holds, as the finance centre and the actors see it. */
async function snapshot() {
  const admin = await gql(
    `{ enterprises(first: 1) { totalCount } products(first: 1) { totalCount } guaranteeRequests(first: 1) { totalCount }
       loans(first: 1) { totalCount } policy { guaranteeFeeRateCap guaranteeFeeRateTarget riskShareGuarantor riskShareBank riskShareGovernment bankResponseSlaHours } }`,
    {},
    actors.admin,
  );
  const a = await gql(
    `query($id: ID!) { myDemands { id status amount } enterprise(id: $id) { name tier whitelisted annualRevenue employees rdSuperDeductionFiled highValuePatents } }`,
    { id: actors.a.enterpriseId },
    actors.a.token,
  );
  const bank = await gql(
    `query($b: ID) { products(bankId: $b, first: 100) { totalCount edges { node { id status name } } } bankMatches(first: 100) { totalCount edges { node { id status } } } }`,
    { b: actors.bank.institutionId },
    actors.bank.token,
  );
  const capital = await gql(
    `{ listingPipeline(first: 1) { totalCount } bondReserve(first: 1) { totalCount } roadshows(first: 1) { totalCount } }`,
    {},
    actors.admin,
  );
  const fund = await gql(`{ fundMatches(first: 1) { totalCount } }`, {}, actors.fund.token);
  const equity = await gql(`{ myEquityRounds { id } }`, {}, actors.a.token);
  for (const r of [admin, a, bank]) if (r.errors) throw new Error(`snapshot failed: ${JSON.stringify(r.errors)}`);
  // The capital-markets reads are part of the contract; where the gateway has them they must hold still too.
  return {
    admin: admin.data,
    a: a.data,
    bank: bank.data,
    capital: capital.data ?? null,
    fund: fund.data ?? null,
    equity: equity.data ?? null,
  };
}

beforeAll(async () => {
  const admin = await signInAdmin();
  const [a, b, bank, otherBank, guarantor, fund] = await Promise.all([
    registerEnterprise({ name: '重庆扫描测试甲有限公司' }),
    registerEnterprise({ name: '重庆扫描测试乙有限公司' }),
    createOfficer(admin, 'BANK_OFFICER'),
    createOfficer(admin, 'BANK_OFFICER'),
    createOfficer(admin, 'GUARANTOR_OFFICER'),
    createOfficer(admin, 'FUND_OFFICER'),
  ]);
  const product = await gql<{ publishProduct: { id: string } }>(
    'mutation($input: ProductInput!) { publishProduct(input: $input) { id } }',
    {
      input: {
        name: '扫描测试普惠贷',
        minAmount: 100_000,
        maxAmount: 50_000_000,
        minTermMonths: 1,
        maxTermMonths: 120,
        annualRateMin: 3.2,
        annualRateMax: 4.5,
      },
    },
    bank.token,
  );
  if (!product.data) throw new Error(`publishProduct failed: ${JSON.stringify(product.errors)}`);
  const demand = await postDemand(a.token, { amount: 2_000_000 });
  actors = { admin, a, b, bank, otherBank, guarantor, fund, demandId: demand.id, productId: product.data.publishProduct.id };
  // Settle: the demand is matched with the product before the "before" snapshot.
  await waitFor(
    async () =>
      ((await gql<{ demand: { matches: unknown[] } }>('query($id: ID!) { demand(id: $id) { matches { id } } }', { id: demand.id }, a.token))
        .data?.demand.matches.length ?? 0) > 0,
    { timeoutMs: 30_000, message: 'the demand was never matched' },
  );
  await waitFor(
    async () =>
      ((await gql<{ enterprises: { totalCount: number } }>('{ enterprises(first: 1) { totalCount } }', {}, admin)).data?.enterprises
        .totalCount ?? 0) >= 2,
    { timeoutMs: 30_000 },
  );
}, 120_000);

describe('hostile input through the gateway', () => {
  it('answers every malformed or hostile mutation with a contract error code, no 5xx, and writes nothing', async () => {
    const before = await snapshot();
    const variants = generate();
    expect(variants.length).toBeGreaterThanOrEqual(500);
    const answers: { v: Variant; a: Answer }[] = [];
    const queue = [...variants];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let v = queue.shift(); v; v = queue.shift()) answers.push({ v, a: await send(v) });
      }),
    );
    const wrong = answers.flatMap(({ v, a }) => {
      const codes = (a.body.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
      const problems: string[] = [];
      if (a.status >= 500) problems.push(`HTTP ${a.status}`);
      if (!a.body.errors?.length) problems.push(`accepted: ${JSON.stringify(a.body.data).slice(0, 120)}`);
      if (a.body.data?.r) problems.push('returned data');
      for (const c of codes) if (!CONTRACT_CODES.includes(c)) problems.push(`code ${c}: ${a.body.errors?.[0]?.message.slice(0, 120)}`);
      if (v.expect && codes.length && !codes.some((c) => v.expect!.includes(c)))
        problems.push(`expected ${v.expect.join('/')}, got ${codes.join(',')}`);
      return problems.length ? [`${v.label} → ${problems.join('; ')}`] : [];
    });
    expect(wrong).toEqual([]);

    // Every write path is asynchronous downstream (matches, read models): a canary write made after
    // the sweep and seen everywhere means anything the sweep had written would be visible too.
    const canary = await postDemand(actors.b.token, { amount: 3_000_000 });
    await waitFor(
      async () =>
        ((
          await gql<{ demand: { matches: unknown[] } }>(
            'query($id: ID!) { demand(id: $id) { matches { id } } }',
            { id: canary.id },
            actors.b.token,
          )
        ).data?.demand.matches.length ?? 0) > 0,
      { timeoutMs: 30_000, message: 'the canary demand was never matched' },
    );
    const after = await snapshot();
    const bankAfter = after.bank as { bankMatches: { totalCount: number } };
    const bankBefore = before.bank as { bankMatches: { totalCount: number } };
    expect(bankAfter.bankMatches.totalCount).toBe(bankBefore.bankMatches.totalCount + 1); // the canary's match, nothing else
    expect({ ...after, bank: { ...(after.bank as object), bankMatches: null } }).toEqual({
      ...before,
      bank: { ...(before.bank as object), bankMatches: null },
    });
    // Nobody can sign in with an account a hostile registration or createUser might have made.
    const attempted = variants
      .filter((v) => v.mutation === 'registerEnterprise' || v.mutation === 'createUser')
      .map((v) => (v.variables.input as { email?: unknown } | undefined)?.email)
      .filter((e): e is string => typeof e === 'string' && e !== actors.a.email);
    for (const email of new Set(attempted)) {
      const login = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: PASSWORD });
      expect({ email, signedIn: Boolean(login.data?.login) }).toEqual({ email, signedIn: false });
    }
  }, 300_000);

  it('refuses a body over 1 MB with 413 before parsing it', async () => {
    const res = await fetch(GATEWAY(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${actors.a.token}` },
      body: JSON.stringify({
        query: 'mutation($input: DemandInput!) { postDemand(input: $input) { id } }',
        variables: {
          input: {
            amount: 1,
            termMonths: 1,
            purpose: 'RND',
            collateral: 'CREDIT',
            needsGuarantee: false,
            description: 'x'.repeat(1_100_000),
          },
        },
      }),
    });
    expect(res.status).toBe(413);
    const demands = await gql<{ myDemands: unknown[] }>('{ myDemands { id } }', {}, actors.a.token);
    expect(demands.data?.myDemands).toHaveLength(1);
  });
});
