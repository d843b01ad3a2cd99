import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One key identity signs with: its private half and the `kid` its tokens name. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The public keys a process accepts tokens from, by `kid`, and the JWKS that publishes them. */
export interface VerificationKeys {
  byKid: ReadonlyMap<string, KeyObject>;
  jwks: { keys: PublicJwk[] };
}

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

const DEV_KEYS_FILE = 'dev-jwt-keys.json';

/** A fresh ES256 key pair as a private JWK with a `kid` (the launcher and the dev default use it). */
export function generateSigningJwk(): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `k-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
}

function parseKeySet(name: string, text: string): (JsonWebKey & { kid?: unknown })[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${name} must be a JWKS: JSON {"keys":[…]}`);
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${name} must be a JWKS with at least one key: {"keys":[…]}`);
  return keys as (JsonWebKey & { kid?: unknown })[];
}

function publicJwk(key: KeyObject, kid: string, name: string): PublicJwk {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${name}: key ${kid} must be an EC P-256 key (ES256)`);
  }
  const jwk = key.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid, alg: 'ES256', use: 'sig' };
}

function kidOf(jwk: { kid?: unknown }, name: string, i: number): string {
  if (typeof jwk.kid !== 'string' || !/^[\w.:-]{1,64}$/.test(jwk.kid))
    throw new Error(`${name}: key #${i + 1} needs a "kid" (letters, digits, . : _ -)`);
  return jwk.kid;
}

/** Private JWKs (first = the one that signs) → signing keys. */
export function parseSigningKeys(text: string, name = 'JWT_SIGNING_KEYS'): SigningKey[] {
  return parseKeySet(name, text).map((jwk, i) => {
    const kid = kidOf(jwk, name, i);
    if (typeof jwk.d !== 'string') throw new Error(`${name}: key ${kid} is not a private key`);
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    publicJwk(createPublicKey(privateKey), kid, name); // type and curve check
    return { kid, privateKey };
  });
}

/** Public JWKs (a JWKS as identity serves it) plus the public halves of `signing` → verification keys. */
export function verificationKeys(publicText: string | undefined, signing: SigningKey[] = [], name = 'JWT_PUBLIC_KEYS'): VerificationKeys {
  const byKid = new Map<string, KeyObject>();
  const jwks: PublicJwk[] = [];
  const add = (kid: string, key: KeyObject) => {
    if (byKid.has(kid)) return;
    const pub = publicJwk(key, kid, name);
    // A private JWK given as "public" is refused: a verifier must not hold what signs.
    byKid.set(kid, createPublicKey({ key: { ...pub }, format: 'jwk' }));
    jwks.push(pub);
  };
  for (const s of signing) add(s.kid, createPublicKey(s.privateKey));
  if (publicText) {
    parseKeySet(name, publicText).forEach((jwk, i) => {
      const kid = kidOf(jwk, name, i);
      if (typeof jwk.d === 'string') throw new Error(`${name}: key ${kid} is a private key; give verifiers the public half only`);
      add(kid, createPublicKey({ key: jwk, format: 'jwk' }));
    });
  }
  if (byKid.size === 0) throw new Error(`${name}: no verification key`);
  return { byKid, jwks: { keys: jwks } };
}

/**
 * The local default key set (git-ignored, `<YINQI_DATA_DIR>/dev-jwt-keys.json`): generated once so
 * every local process agrees. Refused when NODE_ENV=production: there the keys come from the
 * environment, or the process does not start.
 */
function devKeySet(env: NodeJS.ProcessEnv, variable: string): string {
  if (env.NODE_ENV === 'production')
    throw new Error(`${variable} is required when NODE_ENV=production (no generated key is ever used there)`);
  const dir = env.YINQI_DATA_DIR ?? path.resolve('.data');
  const file = path.join(dir, DEV_KEYS_FILE);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify({ keys: [generateSigningJwk()] }), { flag: 'wx', mode: 0o600 });
    } catch {
      // another process created it first: read theirs
    }
    return readFileSync(file, 'utf8');
  }
}

/** Identity's signing keys: JWT_SIGNING_KEYS, else (outside production) the local default. */
export function resolveSigningKeys(env: NodeJS.ProcessEnv = process.env): SigningKey[] {
  return parseSigningKeys(env.JWT_SIGNING_KEYS || devKeySet(env, 'JWT_SIGNING_KEYS'));
}

/**
 * The public keys a verifier accepts: JWT_PUBLIC_KEYS (identity's JWKS), else (outside production)
 * the public halves of the local default. Passed in the environment rather than fetched from
 * identity at start: no process waits for identity to be up, verification stays synchronous with
 * no network on the request path, and a compromised identity cannot slip a new key to everyone —
 * a rotation is a configuration change that adds the new public key everywhere first.
 */
export function resolveVerificationKeys(env: NodeJS.ProcessEnv = process.env, signing: SigningKey[] = []): VerificationKeys {
  if (env.JWT_PUBLIC_KEYS) return verificationKeys(env.JWT_PUBLIC_KEYS, signing);
  if (signing.length > 0) return verificationKeys(undefined, signing);
  return verificationKeys(undefined, parseSigningKeys(devKeySet(env, 'JWT_PUBLIC_KEYS')));
}
