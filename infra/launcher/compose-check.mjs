// The deployment check's tool: infra/compose-check, a small Go program on the compose-spec loader
// that `docker compose config` uses (no Docker engine or compose plugin exists on these machines).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, ROOT, requireTool, runLogged, step } from './util.mjs';

const SRC = path.join(ROOT, 'infra/compose-check');
export const COMPOSE_CHECK_BIN = path.join(CACHE_DIR, 'bin/yinqi-compose-check');

/** Builds compose-check when it is missing or older than its sources (tests only need it). */
export function ensureComposeCheck() {
  const newest = Math.max(...['main.go', 'go.mod', 'go.sum'].map((f) => statSync(path.join(SRC, f)).mtimeMs));
  if (existsSync(COMPOSE_CHECK_BIN) && statSync(COMPOSE_CHECK_BIN).mtimeMs >= newest) return;
  requireTool('go', 'to build the docker-compose.yml checker used by the tests');
  step('compose-check: building with go (first run downloads modules; output in .data/logs/setup-compose-check-build.log)…');
  runLogged('setup-compose-check-build', 'go', ['build', '-o', COMPOSE_CHECK_BIN, '.'], {
    cwd: SRC,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  });
  step('compose-check: built');
}
