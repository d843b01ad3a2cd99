import { errorCode, gql, readSseJson, waitFor } from '@yinqi/testing';
import { PASSWORD } from '../support/actors';
import { anOfficer, login, ME, serviceUrl, url } from './account-support';

const RENEW = 'mutation { renewToken { token } }';
const LOGOUT = 'mutation { logout }';
const SERVICES = ['identity', 'enterprise', 'product', 'matching', 'guarantee', 'loan', 'monitor', 'capital'];

/** Every replica of every service, as the launcher listed them. */
const replicaUrls = () => SERVICES.flatMap((s) => (process.env[`${s.toUpperCase()}_URL`] ?? '').split(',').filter(Boolean));

/**
 * A direct call to a service, past the gateway. The token check runs before routing, so a route
 * that does not exist answers 404 to an accepted token and 401 to a refused one.
 */
async function directStatus(base: string, token: string): Promise<number> {
  const res = await fetch(new URL('/no-such-route', base), { headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
  return res.status;
}

async function refusedEverywhere(token: string) {
  const t0 = Date.now();
  await waitFor(async () => errorCode(await gql(ME, {}, token)) === 'UNAUTHENTICATED', {
    timeoutMs: 5_000,
    intervalMs: 100,
    message: 'gateway refuses the token',
  });
  for (const base of replicaUrls()) {
    await waitFor(async () => (await directStatus(base, token)) === 401, {
      timeoutMs: Math.max(500, 5_000 - (Date.now() - t0)),
      intervalMs: 100,
      message: `${base} refuses the token`,
    });
  }
  return Date.now() - t0;
}

describe('sessions end everywhere within 5 seconds', () => {
  it('logout: the token and a token renewed from it are refused by the gateway and by a direct call to every service', async () => {
    const officer = await anOfficer();
    const renewed = (await gql<{ renewToken: { token: string } }>(RENEW, {}, officer.token)).data!.renewToken.token;
    for (const base of replicaUrls()) expect(await directStatus(base, renewed)).toBe(404);
    const other = (await login(officer.email, PASSWORD)).data!.login.token; // another session of the same user

    expect((await gql<{ logout: boolean }>(LOGOUT, {}, officer.token)).data).toEqual({ logout: true });
    const ms = Math.max(await refusedEverywhere(officer.token), await refusedEverywhere(renewed));

    console.log(`logout refused by the gateway and ${replicaUrls().length} service processes after ${ms} ms`);
    expect(ms).toBeLessThanOrEqual(5_000);
    expect(errorCode(await gql(RENEW, {}, renewed))).toBe('UNAUTHENTICATED');
    // only that session ended
    expect((await gql(ME, {}, other)).data!.me).toMatchObject({ id: officer.id });
  });

  it("a disabled user's live token is refused by the gateway and by a direct call to a service, and its login answers like a wrong password", async () => {
    const officer = await anOfficer();
    const dis = await gql(
      'mutation($id:ID!){ setUserDisabled(userId:$id, disabled:true){ id disabled } }',
      { id: officer.id },
      officer.admin,
    );
    expect(dis.data).toEqual({ setUserDisabled: { id: officer.id, disabled: true } });
    expect(await refusedEverywhere(officer.token)).toBeLessThanOrEqual(5_000);
    expect(await directStatus(serviceUrl('product'), officer.token)).toBe(401);

    const disabled = await login(officer.email, PASSWORD);
    const wrong = await login(officer.email, 'not-the-password-123');
    expect(errorCode(disabled)).toBe('UNAUTHENTICATED');
    expect(disabled.errors![0]!.message).toBe(wrong.errors![0]!.message);

    await gql('mutation($id:ID!){ setUserDisabled(userId:$id, disabled:false){ id } }', { id: officer.id }, officer.admin);
    expect((await login(officer.email, PASSWORD)).data?.login.user.id).toBe(officer.id);
  });

  it("a disabled user's open SSE stream (matchEvents) is closed", async () => {
    const officer = await anOfficer();
    const controller = new AbortController();
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${officer.token}` },
      body: JSON.stringify({ query: 'subscription { matchEvents { type } }' }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    let ended = false;
    const pump = readSseJson(res.body!, () => undefined).then(() => (ended = true));
    try {
      await gql('mutation($id:ID!){ setUserDisabled(userId:$id, disabled:true){ id } }', { id: officer.id }, officer.admin);
      const t0 = Date.now();
      await waitFor(() => ended, { timeoutMs: 5_000, intervalMs: 50, message: 'the SSE stream ends' });
      expect(Date.now() - t0).toBeLessThanOrEqual(5_000);
    } finally {
      controller.abort();
      await pump.catch(() => undefined);
    }
  });

  it('a session started before a process (re)starts is still refused: the gateway reads ended sessions from the start of the topic', async () => {
    // Every process joins the session topic in a fresh group from offset 0; proven here for the
    // ones running now by a session ended before this test's own token was checked anywhere.
    const officer = await anOfficer();
    await gql(LOGOUT, {}, officer.token);
    expect(await refusedEverywhere(officer.token)).toBeLessThanOrEqual(5_000);
  });
});
