// The fuzz stage's tool: Schemathesis (property-based GraphQL fuzzing, from PyPI), installed into a
// git-ignored virtualenv the first time `npm test` needs it and again whenever the pinned list
// changes. tests/fuzz/requirements.txt pins it with every dependency, so a seed replays the same.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, ROOT, requireTool, run, step } from './util.mjs';

const REQUIREMENTS = path.join(ROOT, 'tests/fuzz/requirements.txt');
export const FUZZ_VENV = path.join(CACHE_DIR, 'venv');
export const SCHEMATHESIS_BIN = path.join(FUZZ_VENV, 'bin/schemathesis');
const STAMP = path.join(FUZZ_VENV, '.requirements');

/** Creates infra/.cache/venv with python3 -m venv and installs the pinned tools when missing or stale. */
export function ensureFuzzer() {
  const wanted = readFileSync(REQUIREMENTS, 'utf8');
  if (existsSync(SCHEMATHESIS_BIN) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) return;
  requireTool('python3', 'for the fuzz stage of the tests (Schemathesis, installed from PyPI into infra/.cache/venv)');
  step('fuzzer: installing Schemathesis into infra/.cache/venv (python3 -m venv + pip, first run only)…');
  if (!existsSync(path.join(FUZZ_VENV, 'bin/python3'))) run('python3', ['-m', 'venv', FUZZ_VENV]);
  run(path.join(FUZZ_VENV, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
  writeFileSync(STAMP, wanted);
  step('fuzzer: installed');
}
