// The demo seed (演示数据): `npm start` runs it against the gateway it just started. It goes through
// the public GraphQL API only — as the finance centre, the banks, the guarantors and the
// enterprises would — so a successful seed is also a smoke test of the whole system.
//
// Idempotent: when the completion marker account signs in, the data is there ("demo data
// present"). Otherwise every step checks before it creates (an account that signs in is not
// registered again, a product or demand found by name is not published again, a match is driven
// from whatever status it has), so a run after a crash half-way completes the data without
// doubling anything. SEED_FORCE=1 walks every step even when the marker exists.
import { writeFileSync } from 'node:fs';
import { codeOf, gatewayClient, mapLimit, until, type Gql } from './client';
import type { DemoLogin, SeedContext, SeededEnterprise, SeededInstitution, SignedIn } from './context';
import {
  BANKS,
  COMPLETION_MARKER_EMAIL,
  DEMANDS,
  DEMO_PASSWORD,
  ENTERPRISES,
  GUARANTORS,
  PRODUCTS,
  demoEmail,
  profileOf,
  type InstitutionSeed,
} from './data';
import { seedCapital } from './capital-seed';
import { runDemandFlow, type FlowDeps, type LoanState } from './flows';
import { demoUscc } from './uscc';

export interface SeedOptions {
  gatewayUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** Walk every step even when the completion marker says the data is present. */
  force?: boolean;
  log?: (message: string) => void;
  /** How many requests' worth of journeys run at once (the machine has 2 cores). */
  concurrency?: number;
}

export interface SeedResult {
  status: 'seeded' | 'present';
  seconds: number;
  /** What this run created, by kind (empty when everything was already there). */
  created: Record<string, number>;
  logins: DemoLogin[];
  /** Whether the capital-markets part (./capital-seed.ts) ran: skipped when the demo data was already there. */
  capital: 'ran' | 'skipped';
}

const LOGIN = 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token user { id orgId } } }';

/** Signs in, or answers null when the account does not exist (or the password does not fit). */
async function tryLogin(
  gql: Gql,
  email: string,
  password: string,
): Promise<{ token: string; userId: string; orgId: string | null } | null> {
  try {
    const r = await gql<{ login: { token: string; user: { id: string; orgId: string | null } } }>(LOGIN, { e: email, p: password });
    return { token: r.login.token, userId: r.login.user.id, orgId: r.login.user.orgId };
  } catch (err) {
    if (codeOf(err) === 'UNAUTHENTICATED') return null;
    throw err;
  }
}

/** Runs a create; answers false instead of failing when it is a CONFLICT (the thing exists already). */
async function createOnce(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (codeOf(err) === 'CONFLICT') return false;
    throw err;
  }
}

/** The demo accounts, as README "Demo data" lists them. */
export function demoLogins(adminEmail: string, adminPassword: string): DemoLogin[] {
  const logins: DemoLogin[] = [{ role: 'FINANCE_CENTER', who: '区金融发展事务中心（管理员）', email: adminEmail, password: adminPassword }];
  logins.push({ role: 'FINANCE_CENTER', who: '区金融发展事务中心（分析员）', email: COMPLETION_MARKER_EMAIL, password: DEMO_PASSWORD });
  for (const b of BANKS) logins.push({ role: 'BANK_OFFICER', who: b.name, email: demoEmail(b.officers[0]!), password: DEMO_PASSWORD });
  for (const g of GUARANTORS)
    logins.push({ role: 'GUARANTOR_OFFICER', who: g.name, email: demoEmail(g.officers[0]!), password: DEMO_PASSWORD });
  for (const key of ['ruifeng', 'hengang', 'honglun', 'ruishi']) {
    const ent = ENTERPRISES.find((x) => x.key === key)!;
    logins.push({ role: 'ENTERPRISE', who: ent.name, email: demoEmail(ent.key), password: DEMO_PASSWORD });
  }
  return logins;
}

async function ensureInstitutions(
  ctx: Omit<SeedContext, 'banks' | 'guarantors' | 'enterprises'>,
  kind: 'BANK' | 'GUARANTOR',
  seeds: InstitutionSeed[],
): Promise<Record<string, SeededInstitution>> {
  const { gql, admin } = ctx;
  const role = kind === 'BANK' ? 'BANK_OFFICER' : 'GUARANTOR_OFFICER';
  const existing = (
    await gql<{ institutions: { id: string; name: string }[] }>(
      'query($k:InstitutionKind){ institutions(kind:$k){ id name } }',
      { k: kind },
      admin.token,
    )
  ).institutions;
  const out: Record<string, SeededInstitution> = {};
  await mapLimit(seeds, 3, async (s) => {
    let inst = existing.find((x) => x.name === s.name);
    if (!inst) {
      inst = (
        await gql<{ createInstitution: { id: string; name: string } }>(
          'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id name } }',
          { input: { kind, name: s.name } },
          admin.token,
        )
      ).createInstitution;
      ctx.created('institution');
    }
    const officers: SignedIn[] = [];
    for (const local of s.officers) {
      const email = demoEmail(local);
      // Create first, then sign in: probing with a sign-in that fails would count toward the login
      // throttle (50 failures from one address lock it for 15 min), and the seed signs in ~60 accounts.
      // CONFLICT: it exists already (an earlier run, a retried request).
      if (
        await createOnce(() =>
          gql(
            'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
            { input: { email, password: DEMO_PASSWORD, role, institutionId: inst.id } },
            admin.token,
          ),
        )
      )
        ctx.created('officer');
      const session = await tryLogin(gql, email, DEMO_PASSWORD);
      if (!session) throw new Error(`the officer ${email} cannot sign in with the demo password`);
      officers.push({ email, token: session.token, userId: session.userId });
    }
    out[s.key] = { key: s.key, id: inst.id, name: inst.name, officers };
  });
  return out;
}

const ENTERPRISE_FIELDS = 'id tier whitelisted annualRevenue employees rdSuperDeductionFiled highValuePatents';
interface EnterpriseView {
  id: string;
  tier: string;
  whitelisted: boolean;
  annualRevenue: number | null;
  employees: number | null;
  rdSuperDeductionFiled: number | null;
  highValuePatents: number | null;
}

async function ensureEnterprises(ctx: Omit<SeedContext, 'enterprises'>, concurrency: number): Promise<SeededEnterprise[]> {
  const registered = await enterpriseEmails(ctx);
  return mapLimit(ENTERPRISES, concurrency, (s, index) => withRetries(ctx, s.name, () => ensureEnterprise(ctx, s, index, registered)));
}

/**
 * The emails of every enterprise account, read by the finance centre (`users`). Registration answers a
 * repeat with the same password as a sign-in, so it cannot tell the seed whether it created the account;
 * and a sign-in probe that fails counts toward the login throttle.
 */
async function enterpriseEmails(ctx: Omit<SeedContext, 'enterprises'>): Promise<Set<string>> {
  const emails = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: { users: { edges: { node: { email: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await ctx.gql(
        'query($after:String){ users(role: ENTERPRISE, first: 100, after: $after){ edges { node { email } } pageInfo { hasNextPage endCursor } } }',
        { after },
        ctx.admin.token,
      );
    for (const e of page.users.edges) emails.add(e.node.email);
    if (!page.users.pageInfo.hasNextPage) return emails;
    after = page.users.pageInfo.endCursor;
  }
}

/** A check-then-create step walked again after a failure whose outcome is unknown (a timeout under load). */
async function withRetries<T>(ctx: { log: (m: string) => void }, what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 4) throw err;
      ctx.log(`retrying "${what}" after: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 1_000 * attempt)); // back off: the service was overloaded
    }
  }
}

async function ensureEnterprise(
  ctx: Omit<SeedContext, 'enterprises'>,
  s: (typeof ENTERPRISES)[number],
  index: number,
  registered: Set<string>,
): Promise<SeededEnterprise> {
  const { gql, admin } = ctx;
  {
    const email = demoEmail(s.key);
    // Signed in only when it exists (a failing sign-in probe counts toward the login throttle);
    // registered otherwise (CONFLICT: a retried registration got there first).
    let session: { token: string; userId: string; orgId: string | null } | null = registered.has(email)
      ? await tryLogin(gql, email, DEMO_PASSWORD)
      : null;
    if (registered.has(email) && !session) throw new Error(`${email} exists but does not sign in with the demo password`);
    const input = { email, password: DEMO_PASSWORD, name: s.name, uscc: demoUscc(index + 1), industry: s.industry, town: s.town };
    let r: { registerEnterprise: { token: string; user: { id: string; orgId: string } } } | undefined;
    if (!session) {
      await createOnce(async () => {
        r = await gql(
          'mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token user { id orgId } } }',
          { input },
          undefined,
        );
      });
      if (r) {
        ctx.created('enterprise');
        session = { token: r.registerEnterprise.token, userId: r.registerEnterprise.user.id, orgId: r.registerEnterprise.user.orgId };
      } else {
        session = await tryLogin(gql, email, DEMO_PASSWORD);
        if (!session) throw new Error(`${email} exists but does not sign in with the demo password`);
      }
    }
    const id = session.orgId!;
    // The profile (企业画像) is built from the registration event: wait until it is there.
    let view = await until(
      `the profile of "${s.name}"`,
      async () =>
        (
          await gql<{ enterprise: EnterpriseView | null }>(
            `query($id:ID!){ enterprise(id:$id){ ${ENTERPRISE_FIELDS} } }`,
            { id },
            session.token,
          )
        ).enterprise,
      30_000,
      150,
    );
    const profile = profileOf(s, index);
    if (Object.entries(profile).some(([k, v]) => view[k as keyof EnterpriseView] !== v)) {
      view = (
        await gql<{ updateEnterpriseProfile: EnterpriseView }>(
          `mutation($input:EnterpriseProfileInput!){ updateEnterpriseProfile(input:$input){ ${ENTERPRISE_FIELDS} } }`,
          { input: profile },
          session.token,
        )
      ).updateEnterpriseProfile;
      ctx.created('profile');
    }
    if (view.tier !== s.tier || view.whitelisted !== s.whitelisted) {
      await gql(
        'mutation($id:ID!,$t:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id, tier:$t, whitelisted:$w){ id } }',
        { id, t: s.tier, w: s.whitelisted },
        admin.token,
      );
      ctx.created('certification');
    }
    return {
      key: s.key,
      id,
      name: s.name,
      industry: s.industry,
      town: s.town,
      tier: s.tier,
      whitelisted: s.whitelisted,
      email,
      token: session.token,
      userId: session.userId,
    };
  }
}

async function ensureProducts(ctx: SeedContext): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  await mapLimit(Object.values(ctx.banks), 4, async (bank) => {
    const token = bank.officers[0]!.token;
    const r = await ctx.gql<{ products: { edges: { node: { id: string; name: string } }[] } }>(
      'query($b:ID){ products(bankId:$b, first:100){ edges { node { id name } } } }',
      { b: bank.id },
      token,
    );
    for (const p of PRODUCTS.filter((x) => x.bank === bank.key)) {
      const found = r.products.edges.find((x) => x.node.name === p.input.name);
      if (found) {
        ids[p.key] = found.node.id;
        continue;
      }
      const created = await ctx.gql<{ publishProduct: { id: string } }>(
        'mutation($input:ProductInput!){ publishProduct(input:$input){ id } }',
        { input: p.input },
        token,
      );
      ctx.created('product');
      ids[p.key] = created.publishProduct.id;
    }
  });
  return ids;
}

/** Seeds the store behind `gatewayUrl` (see the file comment). */
export async function runSeed(opts: SeedOptions): Promise<SeedResult> {
  const t0 = Date.now();
  const log = opts.log ?? ((m: string) => process.stdout.write(`[seed] ${m}\n`));
  const gql = gatewayClient(opts.gatewayUrl);
  const createdCounts: Record<string, number> = {};
  const logins = demoLogins(opts.adminEmail, opts.adminPassword);
  const result = (status: SeedResult['status'], capital: SeedResult['capital']): SeedResult => ({
    status,
    seconds: (Date.now() - t0) / 1000,
    created: createdCounts,
    logins,
    capital,
  });

  const adminSession = await until('the finance-centre sign-in', () => tryLogin(gql, opts.adminEmail, opts.adminPassword), 30_000, 500);
  if (!opts.force && (await tryLogin(gql, COMPLETION_MARKER_EMAIL, DEMO_PASSWORD))) {
    log('demo data present');
    return result('present', 'skipped');
  }
  const base = {
    gatewayUrl: opts.gatewayUrl,
    gql,
    password: DEMO_PASSWORD,
    now: new Date(),
    admin: { email: opts.adminEmail, token: adminSession.token },
    log,
    created: (kind: string) => {
      createdCounts[kind] = (createdCounts[kind] ?? 0) + 1;
    },
  };
  const concurrency = opts.concurrency ?? 6;
  log('institutions and officers…');
  const [banks, guarantors] = await Promise.all([
    ensureInstitutions(base, 'BANK', BANKS),
    ensureInstitutions(base, 'GUARANTOR', GUARANTORS),
  ]);
  log(`enterprises (${ENTERPRISES.length}) and products…`);
  const [enterprises, productIds] = await Promise.all([
    ensureEnterprises({ ...base, banks, guarantors }, concurrency),
    ensureProducts({ ...base, banks, guarantors, enterprises: [] }),
  ]);
  const ctx: SeedContext = { ...base, banks, guarantors, enterprises };
  log(`demands (${DEMANDS.length}) and their journeys: matches, offers, guarantees, loans, reliefs…`);
  const deps: FlowDeps = { ctx, productIds, loansByBank: new Map<string, Map<string, LoanState>>() };
  const byKey = new Map(enterprises.map((x) => [x.key, x]));
  await mapLimit(DEMANDS, concurrency + 2, (seed) => runDemandFlow(deps, byKey.get(seed.enterprise)!, seed));

  log('capital markets…');
  const extra = await seedCapital(ctx);
  if (extra?.logins) logins.push(...extra.logins);
  const capital: SeedResult['capital'] = 'ran';

  // Last: the completion marker (a second finance-centre account).
  // Created, not probed with a sign-in first (a failed sign-in counts toward the login throttle); CONFLICT: present.
  if (
    await createOnce(() =>
      gql(
        'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
        { input: { email: COMPLETION_MARKER_EMAIL, password: DEMO_PASSWORD, role: 'FINANCE_CENTER' } },
        adminSession.token,
      ),
    )
  ) {
    createdCounts['officer'] = (createdCounts['officer'] ?? 0) + 1;
  }
  const made = Object.entries(createdCounts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s${made ? ` (created ${made})` : ' (nothing was missing)'}`);
  return result('seeded', capital);
}

/** `node tests/dist/seed/seed.js`: seeds GATEWAY_URL, prints the demo logins, writes them to YINQI_DEMO_LOGINS_FILE if set. */
async function main(): Promise<number> {
  const gatewayUrl = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 4000}/graphql`;
  const r = await runSeed({
    gatewayUrl,
    adminEmail: process.env.ADMIN_EMAIL ?? 'admin@yinqi.local',
    adminPassword: process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026',
    force: process.env.SEED_FORCE === '1',
  });
  // The launcher prints these in its banner; the ADMIN account is printed there already (its password may come from the environment).
  const printed = r.logins.filter((l) => l.email !== process.env.ADMIN_EMAIL && l.password !== process.env.ADMIN_PASSWORD);
  if (process.env.YINQI_DEMO_LOGINS_FILE) writeFileSync(process.env.YINQI_DEMO_LOGINS_FILE, JSON.stringify(printed, null, 2));
  else for (const l of printed) process.stdout.write(`[seed] login ${l.role.padEnd(18)} ${l.email} / ${l.password}   ${l.who}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`[seed] failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
