import { gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { postDemand, publishProduct, waitForMatches } from '../matching/journey';
import { auditLog } from '../audit/audit-support';

// API clients of the open interface (API-CONTRACT-OPEN.md "API clients"): an institution's own
// system signs in with client credentials at POST /oauth/token and acts within its scopes.
const BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql').replace(/\/graphql$/, '');
const CLIENT_FIELDS = 'id name clientId scopes disabled createdAt lastUsedAt institution { id kind }';

interface Credentials {
  client: {
    id: string;
    name: string;
    clientId: string;
    scopes: string[];
    disabled: boolean;
    lastUsedAt: string | null;
    institution: { id: string; kind: string };
  };
  clientSecret: string;
}

async function createClient(officer: string, scopes: string[], name = '信贷系统对接') {
  return gql<{ createApiClient: Credentials }>(
    `mutation($n:String!,$s:[ApiScope!]!){ createApiClient(name:$n, scopes:$s){ clientSecret client { ${CLIENT_FIELDS} } } }`,
    { n: name, s: scopes },
    officer,
  );
}
async function aClient(officer: string, scopes: string[]): Promise<Credentials> {
  const r = await createClient(officer, scopes);
  if (!r.data) throw new Error(`createApiClient failed: ${JSON.stringify(r.errors)}`);
  return r.data.createApiClient;
}

// Failed token requests count against the caller's address like failed logins: each request comes
// from an address of this file's own (the test stack trusts X-Forwarded-For from loopback), so they
// never lock out the shared 127.0.0.1 of other test files.
const fileAddress = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

/** POST /oauth/token with a form body; `basic` sends the credentials as HTTP Basic instead of fields. */
async function tokenRequest(fields: Record<string, string>, basic?: { id: string; secret: string }, address = fileAddress) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address };
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic.id)}:${encodeURIComponent(basic.secret)}`).toString('base64')}`;
  const res = await fetch(`${BASE}/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
async function clientToken(c: Credentials, scope?: string): Promise<string> {
  const r = await tokenRequest({
    grant_type: 'client_credentials',
    client_id: c.client.clientId,
    client_secret: c.clientSecret,
    ...(scope ? { scope } : {}),
  });
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.access_token as string;
}
const bankMatches = (token: string) =>
  gql<{ bankMatches: { totalCount: number; edges: { node: { id: string } }[] } }>(
    '{ bankMatches(first: 50){ totalCount edges { node { id } } } }',
    {},
    token,
  );
const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('creating and managing clients', () => {
  it('shows the secret once (≥ 32 random bytes, base64url), lists the client and fits scopes to the institution kind', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const c = await aClient(bank.token, ['MATCHES_READ', 'MATCHES_RESPOND']);
    expect(c.clientSecret).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(Buffer.from(c.clientSecret, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(c.client).toMatchObject({
      scopes: ['MATCHES_READ', 'MATCHES_RESPOND'],
      disabled: false,
      lastUsedAt: null,
      institution: { id: bank.institutionId, kind: 'BANK' },
    });
    const listed = await gql<{ apiClients: Record<string, unknown>[] }>(`{ apiClients { ${CLIENT_FIELDS} } }`, {}, bank.token);
    expect(listed.data!.apiClients.map((x) => x.id)).toEqual([c.client.id]);
    expect(JSON.stringify(listed.data)).not.toContain(c.clientSecret);

    const unfit = await createClient(bank.token, ['MATCHES_READ', 'GUARANTEES_READ']);
    expect(codeOf(unfit)).toBe('BAD_USER_INPUT');
    const guarantor = await createOfficer(admin, 'GUARANTOR_OFFICER');
    expect(codeOf(await createClient(guarantor.token, ['LOANS_READ']))).toBe('BAD_USER_INPUT');
    const enterprise = await registerEnterprise();
    expect(codeOf(await createClient(enterprise.token, ['MATCHES_READ']))).toBe('FORBIDDEN');
  });

  it("keeps another bank's client NOT_FOUND and out of its list", async () => {
    const bankA = await createOfficer(admin, 'BANK_OFFICER');
    const bankB = await createOfficer(admin, 'BANK_OFFICER');
    const c = await aClient(bankA.token, ['MATCHES_READ']);
    const rotate = await gql('mutation($id:ID!){ rotateApiClientSecret(id:$id){ clientSecret } }', { id: c.client.id }, bankB.token);
    expect(codeOf(rotate)).toBe('NOT_FOUND');
    const disable = await gql('mutation($id:ID!){ setApiClientDisabled(id:$id, disabled:true){ id } }', { id: c.client.id }, bankB.token);
    expect(codeOf(disable)).toBe('NOT_FOUND');
    expect((await gql<{ apiClients: unknown[] }>('{ apiClients { id } }', {}, bankB.token)).data!.apiClients).toEqual([]);
    // Still working for its own bank.
    expect((await bankMatches(await clientToken(c))).errors).toBeUndefined();
  });
});

describe('POST /oauth/token', () => {
  it('issues a Bearer token of at most an hour with the client scopes, by form fields or HTTP Basic, and a requested subset', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const c = await aClient(bank.token, ['MATCHES_READ', 'MATCHES_RESPOND', 'OFFERS_WRITE']);
    const byFields = await tokenRequest({ grant_type: 'client_credentials', client_id: c.client.clientId, client_secret: c.clientSecret });
    expect(byFields.status).toBe(200);
    expect(byFields.headers.get('cache-control')).toBe('no-store');
    expect(byFields.body).toMatchObject({ token_type: 'Bearer', scope: 'matches:read matches:respond offers:write' });
    expect(byFields.body.expires_in).toBeGreaterThan(0);
    expect(byFields.body.expires_in).toBeLessThanOrEqual(3600);

    const subset = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'matches:read' },
      { id: c.client.clientId, secret: c.clientSecret },
    );
    expect(subset.status).toBe(200);
    expect(subset.body.scope).toBe('matches:read');
    // The subset token reads matches but cannot respond, though the client could.
    const token = subset.body.access_token as string;
    expect((await bankMatches(token)).errors).toBeUndefined();
    const respond = await gql(
      'mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }',
      { id: '00000000-0000-4000-8000-000000000000' },
      token,
    );
    expect(codeOf(respond)).toBe('FORBIDDEN');

    const listed = await gql<{ apiClients: { lastUsedAt: string | null }[] }>('{ apiClients { lastUsedAt } }', {}, bank.token);
    expect(listed.data!.apiClients[0]!.lastUsedAt).not.toBeNull();
  });

  it('answers the RFC 6749 errors: invalid_client, invalid_scope, unsupported_grant_type, invalid_request', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const c = await aClient(bank.token, ['MATCHES_READ']);
    const grant = { grant_type: 'client_credentials', client_id: c.client.clientId, client_secret: c.clientSecret };
    const cases: [fields: Record<string, string>, status: number, error: string][] = [
      [{ ...grant, client_secret: `${c.clientSecret}x` }, 401, 'invalid_client'],
      [{ ...grant, client_id: 'ycl_nobody' }, 401, 'invalid_client'],
      [{ ...grant, scope: 'matches:read matches:respond' }, 400, 'invalid_scope'],
      [{ ...grant, scope: 'everything' }, 400, 'invalid_scope'],
      [{ grant_type: 'password', username: 'a', password: 'b' }, 400, 'unsupported_grant_type'],
      [{ client_id: c.client.clientId, client_secret: c.clientSecret }, 400, 'invalid_request'],
    ];
    for (const [fields, status, error] of cases) {
      // The fields ride along so a failure names its case.
      expect([fields, await tokenRequest(fields)]).toMatchObject([fields, { status, body: { error } }]);
    }
  });

  it('counts failed token requests toward the per-address throttle: 429 with Retry-After', async () => {
    const address = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    const fields = { grant_type: 'client_credentials', client_id: 'ycl_guess', client_secret: 'not-the-secret' };
    for (let i = 0; i < 50; i += 1) expect((await tokenRequest(fields, undefined, address)).status).toBe(401);
    const throttled = await tokenRequest(fields, undefined, address);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('after rotation the old secret fails at once and the new one works', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const c = await aClient(bank.token, ['MATCHES_READ']);
    const rotated = await gql<{ rotateApiClientSecret: Credentials }>(
      `mutation($id:ID!){ rotateApiClientSecret(id:$id){ clientSecret client { ${CLIENT_FIELDS} } } }`,
      { id: c.client.id },
      bank.token,
    );
    const fresh = rotated.data!.rotateApiClientSecret;
    expect(fresh.clientSecret).not.toBe(c.clientSecret);
    expect(fresh.client.clientId).toBe(c.client.clientId);
    const old = await tokenRequest({ grant_type: 'client_credentials', client_id: c.client.clientId, client_secret: c.clientSecret });
    expect(old).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await bankMatches(await clientToken(fresh))).errors).toBeUndefined();
  });

  it("refuses a disabled client's token already issued within 5 seconds, and new tokens", async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const c = await aClient(bank.token, ['MATCHES_READ']);
    const token = await clientToken(c);
    expect((await bankMatches(token)).errors).toBeUndefined();
    const disabled = await gql<{ setApiClientDisabled: { disabled: boolean } }>(
      'mutation($id:ID!){ setApiClientDisabled(id:$id, disabled:true){ disabled } }',
      { id: c.client.id },
      bank.token,
    );
    expect(disabled.data!.setApiClientDisabled.disabled).toBe(true);
    const t0 = Date.now();
    await waitFor(async () => codeOf(await bankMatches(token)) === 'UNAUTHENTICATED', {
      timeoutMs: 5_000,
      intervalMs: 100,
      message: "the disabled client's token is refused",
    });
    expect(Date.now() - t0).toBeLessThan(5_000);
    const again = await tokenRequest({ grant_type: 'client_credentials', client_id: c.client.clientId, client_secret: c.clientSecret });
    expect(again).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});

describe('a client token acts for its institution within its scopes', () => {
  it('reads its bank matches with MATCHES_READ, cannot respond without MATCHES_RESPOND, and a responding client is in the audit log as the actor', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `接口客户端-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const ent = await registerEnterprise({ industry });
    const product = await publishProduct(bank.token, { name: '对接测试贷', industries: [industry] });
    const demand = await postDemand(ent.token, { amount: 2_000_000 });
    const [match] = await waitForMatches(ent.token, demand.id, [product], (m) => m.length === 1, 'match');

    const reader = await aClient(bank.token, ['MATCHES_READ']);
    const readToken = await clientToken(reader);
    await waitFor(async () => (await bankMatches(readToken)).data?.bankMatches.edges.some((e) => e.node.id === match!.id), {
      timeoutMs: 10_000,
      message: 'the client sees the match',
    });
    const refused = await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: match!.id }, readToken);
    expect(codeOf(refused)).toBe('FORBIDDEN');

    const responder = await aClient(bank.token, ['MATCHES_READ', 'MATCHES_RESPOND']);
    const respondToken = await clientToken(responder);
    const answered = await gql<{ respondToMatch: { id: string; status: string } }>(
      'mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id status } }',
      { id: match!.id },
      respondToken,
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.respondToMatch.status).toBe('INTERESTED');

    const entries = await auditLog(admin, { actorId: responder.client.id, action: 'respondToMatch' });
    expect(entries.totalCount).toBe(1);
    expect(entries.edges[0]!.node).toMatchObject({
      actorId: responder.client.id,
      actorRole: 'BANK_OFFICER',
      actorOrgId: bank.institutionId,
      targetId: match!.id,
    });
  });

  it('cannot manage clients, webhooks or accounts (FORBIDDEN)', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const token = await clientToken(
      await aClient(bank.token, ['MATCHES_READ', 'MATCHES_RESPOND', 'OFFERS_WRITE', 'PRODUCTS_WRITE', 'LOANS_READ', 'LOANS_WRITE']),
    );
    expect(codeOf(await createClient(token, ['MATCHES_READ']))).toBe('FORBIDDEN');
    expect(codeOf(await gql('{ apiClients { id } }', {}, token))).toBe('FORBIDDEN');
    const hook = await gql(
      'mutation{ registerWebhook(url:"https://bank.example.com/hook", events:[MATCH_PROPOSED]){ signingSecret } }',
      {},
      token,
    );
    expect(codeOf(hook)).toBe('FORBIDDEN');
    expect(codeOf(await gql('{ webhooks { id } }', {}, token))).toBe('FORBIDDEN');
    expect(codeOf(await gql('mutation{ logout }', {}, token))).toBe('FORBIDDEN');
  });

  it('a guarantor client with GUARANTEES_READ sees guaranteeRequests; without it, FORBIDDEN', async () => {
    const guarantor = await createOfficer(admin, 'GUARANTOR_OFFICER');
    const reader = await clientToken(await aClient(guarantor.token, ['GUARANTEES_READ']));
    const r = await gql<{ guaranteeRequests: { totalCount: number } }>('{ guaranteeRequests(first: 10){ totalCount } }', {}, reader);
    expect(r.errors).toBeUndefined();
    expect(r.data!.guaranteeRequests.totalCount).toBeGreaterThanOrEqual(0);
    const writer = await clientToken(await aClient(guarantor.token, ['GUARANTEES_WRITE']));
    expect(codeOf(await gql('{ guaranteeRequests(first: 10){ totalCount } }', {}, writer))).toBe('FORBIDDEN');
    expect(codeOf(await gql('{ bankMatches(first: 10){ totalCount } }', {}, reader))).toBe('FORBIDDEN');
  });
});
