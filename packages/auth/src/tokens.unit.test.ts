import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { generateSigningJwk, parseSigningKeys, resolveSigningKeys, resolveVerificationKeys, verificationKeys } from './keys';
import { SessionRevocations } from './revocations';
import { createTokenService, createTokenVerifier, newSessionId } from './tokens';

const settings = { issuer: 'yinqi', audience: 'yinqi-api', ttlSeconds: 900, maxSessionSeconds: 3600 };
const keySet = (...jwks: object[]) => JSON.stringify({ keys: jwks });
const session = () => ({ sessionId: newSessionId(), sessionStartedAt: Math.floor(Date.now() / 1000) });

describe('token service (ES256, kid, public keys only on the verifying side)', () => {
  const current = generateSigningJwk();
  const [signing] = parseSigningKeys(keySet(current));
  const keys = verificationKeys(undefined, [signing!]);
  const identity = createTokenService(settings, signing!, keys);
  const publicOnly = createTokenVerifier(settings, verificationKeys(JSON.stringify(keys.jwks)));

  it('a verifier holding only the JWKS accepts what identity issued, with its session and claims', () => {
    const s = session();
    const token = identity.issue({ userId: 'u1', role: 'BANK_OFFICER', orgId: 'b1' }, s);
    expect(jwt.decode(token, { complete: true })!.header).toMatchObject({ alg: 'ES256', kid: current.kid });
    expect(publicOnly.verify(token)).toMatchObject({
      userId: 'u1',
      role: 'BANK_OFFICER',
      orgId: 'b1',
      sessionId: s.sessionId,
      mustChangePassword: false,
    });
    expect(keys.jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses HS256 (with any secret), alg none, a foreign key, an unknown or missing kid, a kid naming a URL', () => {
    const claims = { sub: 'u1', role: 'FINANCE_CENTER', sid: 's', sat: 1, iss: 'yinqi', aud: 'yinqi-api' };
    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forged = [
      jwt.sign(claims, 's'.repeat(48), { algorithm: 'HS256', keyid: current.kid, expiresIn: 600 }),
      jwt.sign(claims, '', { algorithm: 'none', keyid: current.kid } as jwt.SignOptions),
      jwt.sign(claims, foreign, { algorithm: 'ES256', keyid: current.kid, expiresIn: 600 }),
      jwt.sign(claims, foreign, { algorithm: 'ES256', keyid: 'some-other-kid', expiresIn: 600 }),
      jwt.sign(claims, foreign, { algorithm: 'ES256', expiresIn: 600 }),
      jwt.sign(claims, foreign, {
        algorithm: 'ES256',
        keyid: 'https://evil.example/jwks.json',
        header: { alg: 'ES256', jku: 'https://evil.example/jwks.json' },
        expiresIn: 600,
      } as jwt.SignOptions),
    ];
    for (const t of forged) expect(() => publicOnly.verify(t)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('refuses a token without a session id (one minted before sessions existed)', () => {
    const t = jwt.sign({ role: 'ENTERPRISE', sat: 1 }, signing!.privateKey, {
      algorithm: 'ES256',
      keyid: current.kid,
      subject: 'u',
      issuer: 'yinqi',
      audience: 'yinqi-api',
      expiresIn: 60,
    });
    expect(() => publicOnly.verify(t)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('after a rotation, tokens of the previous key stay valid while new ones carry the new kid', () => {
    const next = generateSigningJwk();
    const [nextKey] = parseSigningKeys(keySet(next));
    const rotatedKeys = verificationKeys(JSON.stringify(keys.jwks), [nextKey!]);
    const rotated = createTokenService(settings, nextKey!, rotatedKeys);
    const old = identity.issue({ userId: 'u1', role: 'ENTERPRISE', orgId: 'e1' }, session());
    expect(rotated.verify(old).userId).toBe('u1');
    expect(jwt.decode(rotated.issue({ userId: 'u2', role: 'ENTERPRISE' }, session()), { complete: true })!.header.kid).toBe(next.kid);
  });

  it('a revoked session is refused until its tokens could have expired, then forgotten', () => {
    let now = 1_000_000;
    const revoked = new SessionRevocations(() => now);
    const svc = createTokenService(settings, signing!, keys, revoked);
    const s = session();
    const token = svc.issue({ userId: 'u1', role: 'ENTERPRISE' }, s);
    expect(svc.verify(token).sessionId).toBe(s.sessionId);
    revoked.add(s.sessionId, 'u1', now + 5_000);
    expect(() => svc.verify(token)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    now += 10_000;
    revoked.sweep();
    expect(revoked.size).toBe(0);
  });

  it('a token verified once is remembered, yet refused as soon as it expires or its session ends', () => {
    let now = Date.now();
    const revoked = new SessionRevocations(() => now);
    const verifier = createTokenVerifier(settings, keys, revoked, { now: () => now });
    const s = session();
    const token = identity.issue({ userId: 'u1', role: 'ENTERPRISE' }, s);
    expect(verifier.verify(token).userId).toBe('u1');
    expect(verifier.verify(token).userId).toBe('u1'); // from memory
    now += 901_000; // past the 900 s lifetime
    expect(() => verifier.verify(token)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    now -= 901_000;
    revoked.add(s.sessionId, 'u1', now + 60_000);
    expect(() => verifier.verify(token)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('refuses a private key offered as a public one, and a non-P-256 key', () => {
    expect(() => verificationKeys(keySet(current))).toThrow(/private key/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    expect(() => parseSigningKeys(keySet({ ...ed, kid: 'ed' }))).toThrow(/P-256/);
  });

  it('production never falls back to a generated key', () => {
    expect(() => resolveSigningKeys({ NODE_ENV: 'production' })).toThrow(/JWT_SIGNING_KEYS is required/);
    expect(() => resolveVerificationKeys({ NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEYS is required/);
    const prod = resolveSigningKeys({ NODE_ENV: 'production', JWT_SIGNING_KEYS: keySet(current) });
    expect(prod[0]!.kid).toBe(current.kid);
  });
});
