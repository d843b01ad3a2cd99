import { errorCode, gql } from '@yinqi/testing';

const url = () => process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

async function stillResponsive() {
  const r = await gql('{ _health }');
  expect(r.data).toEqual({ _health: 'ok' });
}

describe('query abuse is refused and the gateway stays responsive', () => {
  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: _health`).join(' ');
    const r = await gql(`{ ${aliases} }`);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/alias/i);
    await stillResponsive();
  });

  it('refuses a query with too many tokens', async () => {
    const fields = Array.from({ length: 2500 }, () => '_health').join(' ');
    const r = await gql(`{ ${fields} }`);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/token/i);
    await stillResponsive();
  });

  it('refuses an oversized batch', async () => {
    const batch = Array.from({ length: 11 }, () => ({ query: '{ _health }' }));
    const res = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    const body = await res.json();
    expect(JSON.stringify(body)).toMatch(/[Bb]atch/);
    const ok = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch.slice(0, 3)),
    });
    expect(await ok.json()).toEqual([{ data: { _health: 'ok' } }, { data: { _health: 'ok' } }, { data: { _health: 'ok' } }]);
  });

  it('refuses a body over 1 MB with HTTP 413 before parsing it', async () => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _health }', variables: { pad: 'x'.repeat(1024 * 1024 + 10) } }),
    });
    expect(res.status).toBe(413);
    await stillResponsive();
  });

  it('does not suggest field names to a client that guesses', async () => {
    const r = await gql('{ mee { id } }');
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('answers /healthz with ok once its services are reachable', async () => {
    const res = await fetch(url().replace(/\/graphql$/, '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
