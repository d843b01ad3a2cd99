// The audit trail (审计日志) through the gateway: what is recorded, by whom, on what; filters,
// pages and the CSV export; the chain under 50 audited mutations at once. Tampering with the stored
// chain is in audit-tamper.solo.test.ts (it breaks the chain for everyone, so it runs alone).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { anEmail, errorCode, gql } from '@yinqi/testing';
import { createInstitution, createOfficer, PASSWORD, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { auditLog, gqlWithCorrelation, verifyAuditLog, type Entry } from './audit-support';

const CERTIFY = 'mutation($id:ID!,$tier:EnterpriseTier!){ certifyEnterprise(enterpriseId:$id,tier:$tier,whitelisted:true){ id tier } }';
const GATEWAY_BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql').replace(/\/graphql$/, '');

let admin: string;
let adminId: string;
let enterprise: EnterpriseActor;

beforeAll(async () => {
  admin = await signInAdmin();
  adminId = (await gql<{ me: { id: string } }>('{ me { id } }', {}, admin)).data!.me.id;
  enterprise = await registerEnterprise();
}, 60_000);

async function certify(tier: string, token = admin, id = enterprise.enterpriseId) {
  return gql<{ certifyEnterprise: { id: string } }>(CERTIFY, { id, tier }, token);
}

const textOf = (e: Entry) => JSON.stringify(e);

describe('what the trail records', () => {
  it('records a finance-centre certification once, with the caller as actor, the enterprise as target and the request correlation id', async () => {
    const correlationId = `audit-test-${randomUUID()}`;
    const r = await gqlWithCorrelation<{ certifyEnterprise: { id: string } }>(
      CERTIFY,
      { id: enterprise.enterpriseId, tier: 'INNOVATIVE_SME' },
      admin,
      correlationId,
    );
    expect(r.errors).toBeUndefined();
    // Visible as soon as the mutation answered: no waiting.
    const page = await auditLog(admin, { action: 'certifyEnterprise', targetId: enterprise.enterpriseId });
    const mine = page.edges.map((e) => e.node).filter((e) => e.correlationId === correlationId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      actorId: adminId,
      actorRole: 'FINANCE_CENTER',
      targetType: 'Enterprise',
      targetId: enterprise.enterpriseId,
    });
    expect(mine[0]!.detail).toContain('INNOVATIVE_SME');
    expect(mine[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records registration and sign-in with the new user as actor, and never the password', async () => {
    const e = await registerEnterprise();
    const login = await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
      e: e.email,
      p: PASSWORD,
    });
    expect(login.data?.login.token).toBeTruthy();
    const entries = (await auditLog(admin, { actorId: e.userId })).edges.map((x) => x.node);
    const registered = entries.filter((x) => x.action === 'registerEnterprise');
    const logins = entries.filter((x) => x.action === 'login');
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({
      actorRole: 'ENTERPRISE',
      actorOrgId: e.enterpriseId,
      targetType: 'Enterprise',
      targetId: e.enterpriseId,
    });
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ actorRole: 'ENTERPRISE', targetType: 'User', targetId: e.userId });
    for (const x of entries) {
      expect(textOf(x)).not.toContain(PASSWORD);
      expect(textOf(x)).not.toContain(login.data!.login.token);
      expect(textOf(x)).not.toContain(e.token);
    }
  });

  it('records a failed login as login.failed with the email attempted and no actor, never the password tried', async () => {
    const email = anEmail('guess');
    const wrong = `wrong-${randomUUID()}`;
    const r = await gql('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', { e: email, p: wrong });
    expect(errorCode(r)).toBeDefined();
    const failed = (await auditLog(admin, { action: 'login.failed' })).edges.map((x) => x.node).filter((x) => x.detail?.includes(email));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actorId: null, actorRole: null, actorOrgId: null, targetType: 'User' });
    expect(textOf(failed[0]!)).not.toContain(wrong);
  });

  it('records an operation refused with FORBIDDEN as <name>.denied, with the refused caller as actor', async () => {
    const r = await certify('MUNICIPAL_SRDI', enterprise.token);
    expect(errorCode(r)).toBe('FORBIDDEN');
    const denied = (await auditLog(admin, { action: 'certifyEnterprise.denied', actorId: enterprise.userId })).edges.map((x) => x.node);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      actorRole: 'ENTERPRISE',
      actorOrgId: enterprise.enterpriseId,
      targetType: 'Enterprise',
      targetId: enterprise.enterpriseId,
    });
    // Reading the trail is the finance centre's too: a bank officer is refused, and that is recorded.
    const officer = await createOfficer(admin, 'BANK_OFFICER');
    const read = await gql('{ auditLog(first: 1) { totalCount } }', {}, officer.token);
    expect(errorCode(read)).toBe('FORBIDDEN');
    const readDenied = await auditLog(admin, { action: 'auditLog.denied', targetType: 'AuditConnection' });
    expect(readDenied.edges.some((x) => x.node.actorRole === 'BANK_OFFICER' && x.node.actorOrgId === officer.institutionId)).toBe(true);
  });

  it('records account operations with the account as target (createUser, createInstitution)', async () => {
    const inst = await createInstitution(admin, 'BANK');
    const created = (await auditLog(admin, { action: 'createInstitution', targetId: inst.id })).edges.map((x) => x.node);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorId: adminId, targetType: 'Institution' });
    const email = anEmail('officer');
    const u = await gql<{ createUser: { id: string } }>(
      'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
      { input: { email, password: PASSWORD, role: 'BANK_OFFICER', institutionId: inst.id } },
      admin,
    );
    const users = (await auditLog(admin, { action: 'createUser', targetId: u.data!.createUser.id })).edges.map((x) => x.node);
    expect(users).toHaveLength(1);
    expect(users[0]!.detail).toContain(email);
    expect(textOf(users[0]!)).not.toContain(PASSWORD);
  });

  it('does not record what is neither audited nor refused (an enterprise editing its own profile)', async () => {
    const e = await registerEnterprise();
    const r = await gql(
      'mutation($input:EnterpriseProfileInput!){ updateEnterpriseProfile(input:$input){ id } }',
      { input: { employees: 12 } },
      e.token,
    );
    // Whatever the profile rules answer, the enterprise's own edit is not in the trail.
    expect(r.status).toBeLessThan(500);
    const entries = (await auditLog(admin, { actorId: e.userId })).edges.map((x) => x.node.action);
    expect(entries).toEqual(['registerEnterprise']);
  });
});

describe('reading the trail', () => {
  let subject: EnterpriseActor;
  let before: string;
  let after: string;
  beforeAll(async () => {
    subject = await registerEnterprise();
    before = new Date(Date.now() - 1_000).toISOString();
    for (const tier of ['INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'])
      expect((await certify(tier, admin, subject.enterpriseId)).errors).toBeUndefined();
    after = new Date(Date.now() + 1_000).toISOString();
  }, 60_000);

  it('filters by action and target, newest first, and pages with cursors and a total count', async () => {
    const filter = { action: 'certifyEnterprise', targetId: subject.enterpriseId };
    const p1 = await auditLog(admin, filter, 2);
    expect(p1.totalCount).toBe(3);
    expect(p1.edges).toHaveLength(2);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await auditLog(admin, filter, 2, p1.pageInfo.endCursor!);
    expect(p2.edges).toHaveLength(1);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const seqs = [...p1.edges, ...p2.edges].map((e) => e.node.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(3);
    expect([...p1.edges, ...p2.edges].map((e) => JSON.parse(e.node.detail!).tier)).toEqual([
      'NATIONAL_LITTLE_GIANT',
      'MUNICIPAL_SRDI',
      'INNOVATIVE_SME',
    ]);
  });

  it('filters by time range (from inclusive, to exclusive) and by actor', async () => {
    const target = { targetId: subject.enterpriseId, action: 'certifyEnterprise' };
    expect((await auditLog(admin, { ...target, from: before, to: after })).totalCount).toBe(3);
    expect((await auditLog(admin, { ...target, from: after })).totalCount).toBe(0);
    expect((await auditLog(admin, { ...target, to: before })).totalCount).toBe(0);
    expect((await auditLog(admin, { ...target, actorId: subject.userId })).totalCount).toBe(0);
    expect((await auditLog(admin, { ...target, actorId: adminId })).totalCount).toBe(3);
  });

  it('refuses a cursor it did not issue, a page size over 100 and a filter with control characters', async () => {
    expect(errorCode(await gql('{ auditLog(after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql('{ auditLog(first: 101) { totalCount } }', {}, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql('query($f:AuditFilter){ auditLog(filter:$f) { totalCount } }', { f: { actorId: 'a\u0000b' } }, admin))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('exports the same filter as CSV for the finance centre only', async () => {
    const q = new URLSearchParams({ action: 'certifyEnterprise', targetId: subject.enterpriseId, from: before, to: after });
    const res = await fetch(`${GATEWAY_BASE}/export/audit.csv?${q}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // The BOM (fetch's text() would strip it): Excel then reads the Chinese names right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actorId,actorRole,actorOrgId,action,targetType,targetId,correlationId,detail,prevHash,hash');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.includes(subject.enterpriseId) && l.includes('certifyEnterprise'))).toBe(true);
    const denied = await fetch(`${GATEWAY_BASE}/export/audit.csv`, { headers: { authorization: `Bearer ${subject.token}` } });
    expect(denied.status).toBe(403);
    expect((await fetch(`${GATEWAY_BASE}/export/audit.csv`)).status).toBe(401);
  });
});

describe('the chain', () => {
  it('stays one gapless sequence under 50 audited mutations at once, each recorded exactly once', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `审计并发测试机构-${i}-${randomUUID().slice(0, 6)}`);
    const started = Date.now();
    const created = await Promise.all(
      names.map(async (name) => {
        const r = await gql<{ createInstitution: { id: string } }>(
          'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
          { input: { kind: 'BANK', name } },
          admin,
        );
        if (!r.data) throw new Error(JSON.stringify(r.errors));
        return r.data.createInstitution.id;
      }),
    );
    const elapsed = Date.now() - started;
    const entries: Entry[] = [];
    for (const id of created) {
      const page = await auditLog(admin, { action: 'createInstitution', targetId: id });
      expect(page.totalCount).toBe(1);
      entries.push(page.edges[0]!.node);
    }
    expect(new Set(entries.map((e) => e.seq)).size).toBe(50);
    const v = await verifyAuditLog(admin);
    expect(v).toEqual({ ok: true, checked: expect.any(Number), firstBrokenSeq: null });
    expect(v.checked).toBeGreaterThanOrEqual(Math.max(...entries.map((e) => e.seq)));

    console.log(`50 concurrent audited createInstitution calls answered in ${elapsed} ms; chain verified: ${v.checked} entries`);
  }, 120_000);

  it('measures the cost of recording: the audited mutation with and without its append', async () => {
    // The same mutation (createInstitution) timed end to end, and the append alone straight to
    // the audit service (what the gateway adds to each audited mutation's latency).
    const ingestKey = readIngestKey();
    const auditUrl = (process.env.AUDIT_URL ?? '').split(',')[0];
    if (!auditUrl) throw new Error('AUDIT_URL is not set: run this test through npm test');
    const append = async () => {
      const t = performance.now();
      const res = await fetch(`${auditUrl}/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-audit-ingest-key': ingestKey },
        body: JSON.stringify({
          entries: [{ id: randomUUID(), action: 'auditCostProbe', targetType: 'Probe', detail: 'measuring the append cost (tests/audit)' }],
        }),
      });
      expect(res.status).toBe(200);
      return performance.now() - t;
    };
    const mutation = async () => {
      const t = performance.now();
      const r = await gql(
        'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
        { input: { kind: 'FUND', name: `审计成本测试-${randomUUID().slice(0, 8)}` } },
        admin,
      );
      expect(r.errors).toBeUndefined();
      return performance.now() - t;
    };
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
    const sequential: number[] = [];
    for (let i = 0; i < 100; i += 1) sequential.push(await append());
    const concurrent: number[] = [];
    for (let round = 0; round < 4; round += 1) concurrent.push(...(await Promise.all(Array.from({ length: 50 }, append))));
    const mutations: number[] = [];
    for (let i = 0; i < 40; i += 1) mutations.push(await mutation());
    const result = {
      measuredAt: new Date().toISOString(),
      loadavg: (await import('node:os')).loadavg(),
      appendSequentialMs: { n: sequential.length, p50: pct(sequential, 50), p99: pct(sequential, 99) },
      append50ConcurrentMs: { n: concurrent.length, p50: pct(concurrent, 50), p99: pct(concurrent, 99) },
      auditedMutationMs: { mutation: 'createInstitution', n: mutations.length, p50: pct(mutations, 50), p99: pct(mutations, 99) },
    };
    const dir = path.join(process.env.YINQI_DATA_DIR ?? '.data', 'artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'audit-append-cost.json'), `${JSON.stringify(result, null, 2)}\n`);

    console.log(`audit append cost: ${JSON.stringify(result)}`);
    expect((await verifyAuditLog(admin)).ok).toBe(true);
  }, 180_000);
});

function readIngestKey(): string {
  if (process.env.AUDIT_INGEST_KEY) return process.env.AUDIT_INGEST_KEY;
  return readFileSync(path.join(process.env.YINQI_DATA_DIR ?? '.data', 'dev-audit-ingest-key'), 'utf8').trim();
}
