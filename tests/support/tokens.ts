// Tokens a test mints itself, to prove what the platform refuses (and what it still accepts after
// a key rotation). The launcher gives the tests the stack's signing key and the retired one.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { parseSigningKeys } from '@yinqi/auth';

export const TOKEN_BASE = { iss: 'yinqi-identity', aud: 'yinqi' };

function keyFrom(variable: 'JWT_SIGNING_KEYS' | 'JWT_TEST_RETIRED_KEYS') {
  const text = process.env[variable];
  if (!text) throw new Error(`${variable} must be set for this test (npm test sets it)`);
  return parseSigningKeys(text, variable)[0]!;
}

/** Signed with the stack's current key (identity's), with a session id identity never issued. */
export function mintCurrent(claims: Record<string, unknown>, opts: jwt.SignOptions = { expiresIn: 600 }): string {
  const k = keyFrom('JWT_SIGNING_KEYS');
  return jwt.sign({ ...TOKEN_BASE, sid: randomUUID(), sat: Math.floor(Date.now() / 1000), ...claims }, k.privateKey, {
    algorithm: 'ES256',
    keyid: k.kid,
    ...opts,
  });
}

/** Signed with the previous key, whose public half the JWKS still carries (a rotation). */
export function mintRetired(claims: Record<string, unknown>): string {
  const k = keyFrom('JWT_TEST_RETIRED_KEYS');
  return jwt.sign({ ...TOKEN_BASE, sid: randomUUID(), sat: Math.floor(Date.now() / 1000), ...claims }, k.privateKey, {
    algorithm: 'ES256',
    keyid: k.kid,
    expiresIn: 600,
  });
}

/** Signed with a key nobody knows, claiming `kid` (a real one, by default). */
export function mintForeign(claims: Record<string, unknown>, kid = keyFrom('JWT_SIGNING_KEYS').kid): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return jwt.sign({ ...TOKEN_BASE, sid: randomUUID(), sat: Math.floor(Date.now() / 1000), ...claims }, privateKey, {
    algorithm: 'ES256',
    keyid: kid,
    expiresIn: 600,
  });
}

/** The kid of the current signing key. */
export const currentKid = () => keyFrom('JWT_SIGNING_KEYS').kid;
