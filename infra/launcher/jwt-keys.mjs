// Prints a new token key pair for a deployment (docs/DEPLOYMENT.md "Token keys"):
//   node infra/launcher/jwt-keys.mjs            → a new JWT_SIGNING_KEYS and JWT_PUBLIC_KEYS
//   node infra/launcher/jwt-keys.mjs rotate     → reads the current ones from the environment and
//                                                 prints the rotated sets (new key first, old public kept)
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

const fresh = () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: `k-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`,
    alg: 'ES256',
    use: 'sig',
  };
};
const publicOf = (jwk) => ({
  ...createPublicKey(createPrivateKey({ key: jwk, format: 'jwk' })).export({ format: 'jwk' }),
  kid: jwk.kid,
  alg: 'ES256',
  use: 'sig',
});

const next = fresh();
let signing = [next];
let publics = [publicOf(next)];
if (process.argv[2] === 'rotate') {
  const oldPublic = JSON.parse(process.env.JWT_PUBLIC_KEYS ?? '{"keys":[]}').keys;
  // The old private key is dropped: identity signs with the new one only; the old public key
  // stays until every token it signed has expired (ACCESS_TOKEN_TTL_SECONDS after the switch).
  publics = [publicOf(next), ...oldPublic];
  signing = [next];
}
process.stdout.write(`JWT_SIGNING_KEYS='${JSON.stringify({ keys: signing })}'\n`);
process.stdout.write(`JWT_PUBLIC_KEYS='${JSON.stringify({ keys: publics })}'\n`);
