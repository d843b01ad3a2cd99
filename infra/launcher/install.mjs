import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LaunchError, ROOT, run, step } from './util.mjs';

/** Runs `npm ci` when node_modules is missing or was installed from another package-lock.json. */
export function ensureNodeModules() {
  const lock = path.join(ROOT, 'package-lock.json');
  if (!existsSync(lock)) throw new LaunchError('package-lock.json is missing: run `npm install` once and commit the lock file.');
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const marker = path.join(ROOT, 'node_modules/.yinqi-lock-hash');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) {
    step('npm packages: up to date');
    return;
  }
  step('npm packages: installing (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(marker, hash);
  step('npm packages: installed');
}

/** Compiles every workspace with TypeScript project references (incremental). */
export function build(services) {
  // With YINQI_ONLY_SERVICES, build only those services (and what they reference), the gateway and the test fixtures.
  const projects = process.env.YINQI_ONLY_SERVICES ? [...services.map((s) => `services/${s.name}`), 'gateway', 'tests'] : [];
  step(`build: tsc -b ${projects.join(' ')}`);
  run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', ...projects]);
  step('build: done');
}
