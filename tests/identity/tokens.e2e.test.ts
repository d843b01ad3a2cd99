import jwt from 'jsonwebtoken';
import { errorCode, gql } from '@yinqi/testing';
import { registerEnterprise } from '../support/actors';

const ME = '{ me { id role } }';
const secret = () => {
  const s = process.env.JWT_SECRET;
  if (!s) throw new Error('JWT_SECRET must be set for this test (npm test sets it)');
  return s;
};
const base = { iss: 'yinqi-identity', aud: 'yinqi' };

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

  it('accepts the token it issued', async () => {
    expect((await gql(ME, {}, good)).data!.me).toEqual({ id: userId, role: 'ENTERPRISE' });
  });

  const cases: [string, () => string][] = [
    ['expired', () => jwt.sign({ ...base, sub: userId, role: 'ENTERPRISE', orgId, exp: Math.floor(Date.now() / 1000) - 10 }, secret(), { algorithm: 'HS256' })],
    ['alg none', () => jwt.sign({ ...base, sub: userId, role: 'FINANCE_CENTER' }, '', { algorithm: 'none' })],
    ['signed with another secret', () => jwt.sign({ ...base, sub: userId, role: 'ENTERPRISE', orgId }, 'another-secret-of-enough-length-0123456789', { algorithm: 'HS256', expiresIn: 600 })],
    [
      'payload tampered (role raised)',
      () => {
        const [h, p, s] = good.split('.');
        const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
        payload.role = 'FINANCE_CENTER';
        return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      },
    ],
    ['wrong audience', () => jwt.sign({ iss: base.iss, aud: 'someone-else', sub: userId, role: 'ENTERPRISE', orgId }, secret(), { algorithm: 'HS256', expiresIn: 600 })],
    ['wrong issuer', () => jwt.sign({ iss: 'evil', aud: base.aud, sub: userId, role: 'ENTERPRISE', orgId }, secret(), { algorithm: 'HS256', expiresIn: 600 })],
    ['HS512 with the right secret (algorithm not pinned)', () => jwt.sign({ ...base, sub: userId, role: 'ENTERPRISE', orgId }, secret(), { algorithm: 'HS512', expiresIn: 600 })],
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
