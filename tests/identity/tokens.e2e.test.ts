import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { errorCode, gql } from '@yinqi/testing';
import { registerEnterprise } from '../support/actors';
import { currentKid, mintCurrent, mintForeign, mintRetired, TOKEN_BASE } from '../support/tokens';

const ME = '{ me { id role } }';
const gatewayOrigin = () => new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql').origin;

/** The shared HS256 secret every process held before issue 17 (the local one when it is still on disk). */
function oldSharedSecret(): string {
  try {
    return readFileSync(path.join(process.env.YINQI_DATA_DIR ?? '.data', 'dev-jwt-secret'), 'utf8').trim();
  } catch {
    return randomBytes(48).toString('base64url');
  }
}

describe('access tokens', () => {
  let userId: string;
  let orgId: string;
  let good: string;
  beforeAll(async () => {
    const ent = await registerEnterprise();
    userId = ent.userId;
    orgId = ent.enterpriseId;
    good = ent.token;
  });

  it('accepts the token it issued: ES256, with the kid of a key in the JWKS', async () => {
    expect((await gql(ME, {}, good)).data!.me).toEqual({ id: userId, role: 'ENTERPRISE' });
    const header = jwt.decode(good, { complete: true })!.header;
    expect(header).toMatchObject({ alg: 'ES256', kid: currentKid() });
  });

  it('serves the public keys as a JWKS at /.well-known/jwks.json, without any private part', async () => {
    const res = await fetch(`${gatewayOrigin()}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    const kid = jwt.decode(good, { complete: true })!.header.kid;
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(k).not.toHaveProperty('d');
    }
  });

  it('after a key rotation, a token of the previous key is still valid', async () => {
    const old = mintRetired({ sub: userId, role: 'ENTERPRISE', orgId });
    expect(jwt.decode(old, { complete: true })!.header.kid).not.toBe(currentKid());
    expect((await gql(ME, {}, old)).data!.me).toEqual({ id: userId, role: 'ENTERPRISE' });
  });

  const hs256 = (secret: string, kid?: string) =>
    jwt.sign({ ...TOKEN_BASE, sub: userId, role: 'ENTERPRISE', orgId, sid: 'x', sat: Math.floor(Date.now() / 1000) }, secret, {
      algorithm: 'HS256',
      expiresIn: 600,
      ...(kid ? { keyid: kid } : {}),
    });
  const cases: [string, () => string][] = [
    ['expired', () => mintCurrent({ sub: userId, role: 'ENTERPRISE', orgId, exp: Math.floor(Date.now() / 1000) - 10 }, {})],
    ['signed HS256 with the old shared secret', () => hs256(oldSharedSecret())],
    ['signed HS256 naming the real kid', () => hs256(oldSharedSecret(), currentKid())],
    [
      'signed HS256 with the public key as the HMAC secret (algorithm confusion)',
      () => {
        const [h, p] = [
          Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: currentKid() })).toString('base64url'),
          Buffer.from(
            JSON.stringify({
              ...TOKEN_BASE,
              sub: userId,
              role: 'FINANCE_CENTER',
              sid: 'x',
              sat: 1,
              exp: Math.floor(Date.now() / 1000) + 600,
            }),
          ).toString('base64url'),
        ];
        const sig = createHmac('sha256', currentKid()).update(`${h}.${p}`).digest('base64url');
        return `${h}.${p}.${sig}`;
      },
    ],
    ['alg none', () => jwt.sign({ ...TOKEN_BASE, sub: userId, role: 'FINANCE_CENTER' }, '', { algorithm: 'none' })],
    ['signed with a key not in the JWKS (under the real kid)', () => mintForeign({ sub: userId, role: 'ENTERPRISE', orgId })],
    ['signed with a key not in the JWKS (its own kid)', () => mintForeign({ sub: userId, role: 'ENTERPRISE', orgId }, 'attacker-key-1')],
    [
      'with a kid pointing elsewhere (a URL)',
      () => mintForeign({ sub: userId, role: 'ENTERPRISE', orgId }, 'https://attacker.example/jwks.json'),
    ],
    [
      'payload tampered (role raised)',
      () => {
        const [h, p, s] = good.split('.');
        const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
        payload.role = 'FINANCE_CENTER';
        return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      },
    ],
    ['wrong audience', () => mintCurrent({ sub: userId, role: 'ENTERPRISE', orgId, aud: 'someone-else' })],
    ['wrong issuer', () => mintCurrent({ sub: userId, role: 'ENTERPRISE', orgId, iss: 'evil' })],
    ['without a session id', () => mintCurrent({ sub: userId, role: 'ENTERPRISE', orgId, sid: undefined })],
    ['garbage', () => 'not.a.jwt'],
  ];
  it.each(cases)('refuses a token that is %s with UNAUTHENTICATED', async (_name, make) => {
    const r = await gql(ME, {}, make());
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    expect(r.data?.me ?? null).toBeNull();
  });

  it('refuses a request without a token for fields that need one', async () => {
    expect(errorCode(await gql(ME))).toBe('UNAUTHENTICATED');
  });
});
