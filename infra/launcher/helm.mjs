// The Helm tool the tests render and lint infra/helm/yinqi with: built from its Go module like
// FerretDB and compose-check (no prebuilt binaries are downloaded), one pinned version, cached.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, requireTool, runLogged, step } from './util.mjs';

export const HELM_VERSION = 'v3.21.4';
export const HELM_BIN = path.join(CACHE_DIR, `helm-${HELM_VERSION}`, 'helm');

/** Builds helm into infra/.cache/helm-<version>/ when it is missing (tests only need it). */
export function ensureHelm() {
  if (existsSync(HELM_BIN)) return;
  requireTool('go', 'to build helm, which the tests use to render and lint the Kubernetes chart');
  step(`helm ${HELM_VERSION}: building from its Go module (first run only, a few minutes; output in .data/logs/setup-helm-build.log)…`);
  runLogged('setup-helm-build', 'go', ['install', `helm.sh/helm/v3/cmd/helm@${HELM_VERSION}`], {
    env: { ...process.env, GOFLAGS: '', GOBIN: path.dirname(HELM_BIN) },
  });
  step('helm: built');
}
