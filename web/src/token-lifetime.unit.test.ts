import { RENEW_AT_SHARE, renewDelay, renewalSchedule } from './token-lifetime';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const aToken = (claims: Record<string, unknown>) =>
  `${b64url(JSON.stringify({ alg: 'EdDSA', kid: 'k1' }))}.${b64url(JSON.stringify(claims))}.signature`;

describe('token renewal schedule', () => {
  const iat = 1_780_000_000;
  const hourToken = aToken({ sub: 'u1', iat, exp: iat + 3600 });

  it('renews a one-hour token 48 minutes after it arrived', () => {
    const received = iat * 1000;
    const s = renewalSchedule(hourToken, received)!;
    expect(s).toEqual({ renewAt: received + RENEW_AT_SHARE * 3_600_000, expiresAt: received + 3_600_000 });
    expect(renewDelay(s, received + 60_000)).toBe(47 * 60_000);
  });

  it('counts on the browser clock: a clock an hour ahead of the server still waits 48 minutes, not zero', () => {
    const browserNow = (iat + 3600) * 1000;
    const s = renewalSchedule(hourToken, browserNow)!;
    expect(renewDelay(s, browserNow)).toBe(48 * 60_000);
  });

  it('renews at once when the moment has passed (the computer slept through it)', () => {
    const s = renewalSchedule(hourToken, iat * 1000)!;
    expect(renewDelay(s, (iat + 3599) * 1000)).toBe(0);
    expect(renewDelay(s, (iat + 7200) * 1000)).toBe(0);
  });

  it('falls back to the token iat when the arrival time is unknown', () => {
    expect(renewalSchedule(hourToken, undefined)?.renewAt).toBe(iat * 1000 + 2_880_000);
  });

  it('counts the life from arrival when the token carries no iat', () => {
    const received = iat * 1000;
    expect(renewalSchedule(aToken({ exp: iat + 1000 }), received)?.renewAt).toBe(received + 800_000);
  });

  it('reads claims of a token whose payload holds non-ASCII text', () => {
    expect(renewalSchedule(aToken({ email: '财务@例子.cn', iat, exp: iat + 600 }), 0)?.expiresAt).toBe(600_000);
  });

  it('gives no schedule for something that is not a JWT with a numeric exp after its iat', () => {
    expect(renewalSchedule('opaque-token', 0)).toBeNull();
    expect(renewalSchedule('a.!!!.c', 0)).toBeNull();
    expect(renewalSchedule(aToken({ exp: 'soon' }), 0)).toBeNull();
    expect(renewalSchedule(aToken({ iat, exp: iat }), 0)).toBeNull();
  });
});
