import { RENEW_AT_SHARE, renewAt, renewDelay, tokenTimes } from './token-lifetime';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const aToken = (claims: Record<string, unknown>) => `${b64url(JSON.stringify({ alg: 'EdDSA', kid: 'k1' }))}.${b64url(JSON.stringify(claims))}.signature`;

describe('token renewal schedule', () => {
  const iat = 1_780_000_000;

  it('renews a one-hour token 48 minutes after it was issued', () => {
    const times = tokenTimes(aToken({ sub: 'u1', iat, exp: iat + 3600 }), 0)!;
    expect(times).toEqual({ issuedAt: iat * 1000, expiresAt: (iat + 3600) * 1000 });
    expect(renewAt(times) - times.issuedAt).toBe(RENEW_AT_SHARE * 3600 * 1000);
    expect(renewDelay(times, iat * 1000 + 60_000)).toBe(47 * 60_000);
  });

  it('renews at once when the moment has passed (the computer slept through it)', () => {
    const times = tokenTimes(aToken({ iat, exp: iat + 3600 }), 0)!;
    expect(renewDelay(times, (iat + 3599) * 1000)).toBe(0);
    expect(renewDelay(times, (iat + 7200) * 1000)).toBe(0);
  });

  it('counts the life from when the token arrived when it carries no iat', () => {
    const received = iat * 1000;
    const times = tokenTimes(aToken({ exp: iat + 1000 }), received)!;
    expect(renewAt(times)).toBe(received + 800_000);
  });

  it('reads claims of a token whose payload holds non-ASCII text', () => {
    expect(tokenTimes(aToken({ email: '财务@例子.cn', iat, exp: iat + 600 }), 0)?.expiresAt).toBe((iat + 600) * 1000);
  });

  it('gives no schedule for something that is not a JWT with a numeric exp', () => {
    expect(tokenTimes('opaque-token', 0)).toBeNull();
    expect(tokenTimes('a.!!!.c', 0)).toBeNull();
    expect(tokenTimes(aToken({ exp: 'soon' }), 0)).toBeNull();
  });
});
