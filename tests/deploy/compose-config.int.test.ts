// docker-compose.yml through the compose-spec loader that `docker compose config` uses (built by
// `npm test` as infra/.cache/bin/yinqi-compose-check): schema, interpolation, merge keys and
// depends_on as a real deployment would see them. No Docker engine is needed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'infra/.cache/bin/yinqi-compose-check');
const DEPLOY_ENV = {
  JWT_SIGNING_KEYS: '{"keys":[{"kid":"k1","d":"private"}]}',
  JWT_PUBLIC_KEYS: '{"keys":[{"kid":"k1"}]}',
  ADMIN_EMAIL: 'admin@district.example',
  ADMIN_PASSWORD: 'a-long-admin-password',
  WEBHOOK_SECRET_KEY: 'a-webhook-sealing-key-of-at-least-32-characters',
};

function composeConfig(file: string, env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in DEPLOY_ENV)));
  const r = spawnSync(BIN, [file], { cwd: ROOT, env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Resolved {
  services: Record<
    string,
    {
      build?: { args?: Record<string, string> };
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      healthcheck?: unknown;
    }
  >;
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run the tests with \`npm test\`, which builds it (needs go)`);
});

/** The audit trail's ingest key: given to the gateway (to append) and the audit service (to check). */
const AUDIT_ENV = { AUDIT_INGEST_KEY: 'an-audit-ingest-key-of-at-least-32-characters' };

describe('docker-compose.yml as `docker compose config` reads it', () => {
  it('resolves with the deployment variables set: every service built from the Dockerfile with its app, every dependency healthy-gated', () => {
    const r = composeConfig('docker-compose.yml', { ...DEPLOY_ENV, ...AUDIT_ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const project = YAML.parse(r.stdout) as Resolved;
    const apps = readdirSync(path.join(ROOT, 'services')).filter((d) => existsSync(path.join(ROOT, 'services', d, 'package.json')));
    for (const app of [...apps, 'gateway']) {
      const svc = project.services[app];
      expect({ app, buildArg: svc?.build?.args?.APP }).toEqual({ app, buildArg: app === 'gateway' ? 'gateway' : `services/${app}` });
      // every process verifies with the public keys; only identity is given the private ones
      expect({ app, keys: svc?.environment?.JWT_PUBLIC_KEYS, signing: svc?.environment?.JWT_SIGNING_KEYS }).toEqual({
        app,
        keys: DEPLOY_ENV.JWT_PUBLIC_KEYS,
        signing: app === 'identity' ? DEPLOY_ENV.JWT_SIGNING_KEYS : undefined,
      });
      for (const [dep, how] of Object.entries(svc?.depends_on ?? {}))
        expect({ app, dep, condition: how.condition }).toEqual({ app, dep, condition: 'service_healthy' });
    }
    for (const app of ['gateway', 'audit'])
      expect({ app, key: project.services[app]?.environment?.AUDIT_INGEST_KEY }).toEqual({ app, key: AUDIT_ENV.AUDIT_INGEST_KEY });
    // the gateway finds every service by its compose name
    for (const app of apps)
      expect(project.services.gateway?.environment?.[`${app.toUpperCase()}_URL`]).toMatch(new RegExp(`^http://${app}:\\d+$`));
  });

  it('refuses to resolve without the secrets, naming each missing variable', () => {
    const r = composeConfig('docker-compose.yml', {});
    expect(r.code).not.toBe(0);
    for (const name of Object.keys({ ...DEPLOY_ENV, ...AUDIT_ENV })) expect(r.stderr).toContain(name);
  });

  it('rejects a file that breaks the compose schema (the check can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
    const bad = path.join(dir, 'docker-compose.yml');
    writeFileSync(
      bad,
      'services:\n  web:\n    image: nginx\n    depends_on:\n      db: { condition: service_healthy }\n    ports: "not-a-list"\n',
    );
    const r = composeConfig(bad, {});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/ports|depends/i);
  });
});
