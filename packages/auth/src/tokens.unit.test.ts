import jwt from 'jsonwebtoken';
import { createTokenService } from './tokens';

const settings = { secret: 's'.repeat(48), issuer: 'yinqi', audience: 'yinqi-api', ttlSeconds: 900, maxSessionSeconds: 3600 };

describe('token service', () => {
  it('verifies what it issues, and tokens signed with the plain secret string (the earlier way) too', () => {
    const tokens = createTokenService(settings);
    const claims = tokens.verify(tokens.issue({ userId: 'u1', role: 'BANK_OFFICER', orgId: 'b1' }));
    expect(claims).toMatchObject({ userId: 'u1', role: 'BANK_OFFICER', orgId: 'b1' });
    const old = jwt.sign({ role: 'ENTERPRISE', sat: 1 }, settings.secret, { algorithm: 'HS256', subject: 'u2', issuer: 'yinqi', audience: 'yinqi-api', expiresIn: 900 });
    expect(tokens.verify(old)).toMatchObject({ userId: 'u2', role: 'ENTERPRISE' });
  });

  it('refuses a token signed with another secret or another algorithm', () => {
    const tokens = createTokenService(settings);
    const forged = createTokenService({ ...settings, secret: 't'.repeat(48) }).issue({ userId: 'u1', role: 'FINANCE_CENTER' });
    expect(() => tokens.verify(forged)).toThrow();
    const none = jwt.sign({ role: 'FINANCE_CENTER' }, '', { algorithm: 'none', subject: 'u1', issuer: 'yinqi', audience: 'yinqi-api' });
    expect(() => tokens.verify(none)).toThrow();
  });
});
