import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A shared secret two local processes must agree on (e.g. the audit service's ingest key): the
 * variable when set; otherwise, outside production, one generated once into the local data folder
 * (YINQI_DATA_DIR), so every process of a local stack reads the same. Production refuses to start
 * without the variable: a generated default must never guard a deployed platform.
 */
export function resolveDevSecret(env: NodeJS.ProcessEnv, variable: string, fileName: string, minLength = 32): string {
  const fromEnv = env[variable];
  if (fromEnv) {
    if (fromEnv.length < minLength) throw new Error(`${variable} must be at least ${minLength} characters`);
    return fromEnv;
  }
  if (env.NODE_ENV === 'production') throw new Error(`${variable} is required when NODE_ENV=production`);
  const dir = env.YINQI_DATA_DIR ?? path.resolve('.data');
  const file = path.join(dir, fileName);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch {
      // another process created it first: read theirs
    }
    return readFileSync(file, 'utf8').trim();
  }
}
