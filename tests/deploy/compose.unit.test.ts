// The deployment files, checked as data: no Docker engine is needed (nor assumed) to run this.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

/** The planned set of services (DESIGN.md "Shape"); compose carries them all, written or not. */
const PLANNED_SERVICES = ['identity', 'enterprise', 'product', 'matching', 'guarantee', 'loan', 'monitor', 'capital', 'audit', 'webhook'];

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> } | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: unknown[];
  restart?: string;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// `merge`: compose resolves `<<:` merge keys, so the test must see what compose sees.
const compose = YAML.parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** Service folders that exist now (the launcher's rule: a folder with a package.json). */
const serviceDirs = readdirSync(path.join(ROOT, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, 'services', d.name, 'package.json')))
  .map((d) => d.name);
const appServices = [...new Set([...PLANNED_SERVICES, ...serviceDirs])].sort();

function env(name: string): Record<string, string> {
  const raw = compose.services[name]?.environment ?? {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(raw.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function dependsOn(name: string): string[] {
  const d = compose.services[name]?.depends_on ?? [];
  return Array.isArray(d) ? d : Object.keys(d);
}

function dependsHealthy(name: string): boolean {
  const d = compose.services[name]?.depends_on ?? [];
  return !Array.isArray(d) && Object.values(d).every((v) => v.condition === 'service_healthy');
}

/** Stages in order (`FROM image AS name`) and the instructions of the last one. */
function dockerStages(text: string) {
  const lines = text.split('\n').map((l) => l.trim());
  const stages: { name: string; from: string; body: string[] }[] = [];
  for (const line of lines) {
    const m = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (m) stages.push({ from: m[1]!, name: m[2] ?? '', body: [] });
    else if (stages.length && line && !line.startsWith('#')) stages[stages.length - 1]!.body.push(line);
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it('runs MongoDB 7 as a replica set, initiated by its healthcheck', () => {
    const mongo = compose.services.mongo!;
    expect(mongo.image).toMatch(/^mongo:7(\.|$)/);
    expect(JSON.stringify((mongo as { command?: unknown }).command)).toContain('--replSet');
    expect(JSON.stringify(mongo.healthcheck?.test)).toContain('rs.initiate');
  });

  it('runs Apache Kafka 3.9 in KRaft mode with replication factor 1', () => {
    const kafka = compose.services.kafka!;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9(\.|$)/);
    const e = env('kafka');
    expect(e.KAFKA_PROCESS_ROLES?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(e.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(e.KAFKA_DEFAULT_REPLICATION_FACTOR).toBe('1');
    expect(kafka.healthcheck?.test).toBeDefined();
  });

  it('has every planned service and every service folder in the tree', () => {
    for (const name of appServices) expect(Object.keys(compose.services)).toContain(name);
  });

  it.each(appServices)('builds %s from the Dockerfile with the production environment and a healthcheck', (name) => {
    const s = compose.services[name]!;
    expect(typeof s.build).toBe('object');
    const build = s.build as Exclude<ComposeService['build'], string | undefined>;
    expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(path.resolve(ROOT, build.context ?? '.')).toBe(ROOT);
    expect(build.args?.APP).toBe(`services/${name}`);
    const e = env(name);
    expect(e.MONGO_URL).toMatch(/^mongodb:\/\/mongo:27017\//);
    expect(e.KAFKA_BROKERS).toBe('kafka:9092');
    expect(e.JWT_PUBLIC_KEYS).toMatch(/^\$\{JWT_PUBLIC_KEYS:\?/); // required: compose refuses to start without it
    expect(e.JWT_SECRET).toBeUndefined(); // no shared secret any more
    if (name === 'identity') expect(e.JWT_SIGNING_KEYS).toMatch(/^\$\{JWT_SIGNING_KEYS:\?/);
    else expect(e.JWT_SIGNING_KEYS).toBeUndefined(); // only identity can sign
    expect(e.NODE_ENV).toBe('production');
    expect(e.HOST).toBe('0.0.0.0');
    expect(e.PORT).toMatch(/^40\d\d$/);
    expect(s.healthcheck?.test).toBeDefined();
    expect(s.healthcheck?.disable).not.toBe(true);
    expect(s.restart).toBe('unless-stopped');
    expect(s.ports ?? []).toEqual([]); // only the gateway is published
    expect(dependsOn(name)).toEqual(expect.arrayContaining(['mongo', 'kafka']));
    expect(dependsHealthy(name)).toBe(true);
  });

  it('gives each service its own port', () => {
    const ports = appServices.map((n) => env(n).PORT);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('requires the admin account from the environment for identity', () => {
    expect(env('identity').ADMIN_EMAIL).toMatch(/^\$\{ADMIN_EMAIL:\?/);
    expect(env('identity').ADMIN_PASSWORD).toMatch(/^\$\{ADMIN_PASSWORD:\?/);
  });

  it('points the gateway at every service and publishes only it', () => {
    const gw = compose.services.gateway!;
    expect((gw.build as { args?: Record<string, string> }).args?.APP).toBe('gateway');
    const e = env('gateway');
    expect(e.NODE_ENV).toBe('production');
    expect(e.GATEWAY_HOST).toBe('0.0.0.0');
    expect(e.JWT_PUBLIC_KEYS).toMatch(/^\$\{JWT_PUBLIC_KEYS:\?/);
    expect(e.JWT_SIGNING_KEYS).toBeUndefined();
    expect(e.JWT_SECRET).toBeUndefined();
    expect(e.KAFKA_BROKERS).toBe('kafka:9092');
    for (const name of appServices) {
      expect(e[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${env(name).PORT}`);
    }
    expect(JSON.stringify(gw.ports)).toMatch(/:4000"/);
    expect(gw.healthcheck?.test).toBeDefined();
    expect(dependsOn('gateway')).toEqual(expect.arrayContaining(appServices));
    expect(dependsHealthy('gateway')).toBe(true);
  });

  it('only depends on services it defines', () => {
    const names = Object.keys(compose.services);
    for (const name of names) for (const dep of dependsOn(name)) expect(names).toContain(dep);
  });
});

describe('Dockerfile', () => {
  const stages = dockerStages(dockerfile);

  it('builds in stages from a supported Node LTS (an even major, 22 or later)', () => {
    expect(stages.map((s) => s.name)).toEqual(['base', 'manifests', 'deps', 'build', 'prod-deps', 'app-files', 'runtime']);
    const m = /^node:(\d+)-bookworm-slim$/.exec(stages[0]!.from);
    expect(m).not.toBeNull();
    const major = Number(m![1]);
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(stages.find((s) => s.name === 'deps')!.body.join('\n')).toMatch(/npm ci\b/);
    expect(stages.find((s) => s.name === 'build')!.body.join('\n')).toMatch(/tsc -b/);
    expect(stages.find((s) => s.name === 'prod-deps')!.body.join('\n')).toMatch(/npm ci --omit=dev/);
  });

  it('builds the web console in the image (local dist never enters the context) and gives it to the gateway alone', () => {
    const build = stages.find((s) => s.name === 'build')!.body.join('\n');
    expect(build).toMatch(/cd web && node \.\.\/node_modules\/vite\/bin\/vite\.js build/);
    const appFiles = stages.find((s) => s.name === 'app-files')!;
    expect(appFiles.from).toBe('build');
    expect(appFiles.body.join('\n')).toMatch(/if \[ "\$\{APP\}" = gateway \]; then [^;]*cp -R \/app\/web\/dist \/app-files\/web\/dist/);
    // gateway/src/static.ts looks for the console at ../../web/dist from gateway/dist: /app/web/dist in the image
    expect(readFileSync(path.join(ROOT, 'gateway/src/static.ts'), 'utf8')).toContain("path.resolve(__dirname, '../../web/dist')");
  });

  it("puts only the production install and the app's own files into the runtime image", () => {
    const copies = stages[stages.length - 1]!.body.filter((l) => /^COPY\s/i.test(l));
    expect(copies).toEqual(['COPY --from=prod-deps /app ./', 'COPY --from=app-files /app-files ./']);
  });

  it('runs the chosen app as a non-root user with a healthcheck on /healthz', () => {
    const runtime = stages[stages.length - 1]!.body;
    const users = runtime.filter((l) => /^USER\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.some((l) => /^ARG\s+APP\b/.test(l))).toBe(true);
    expect(runtime.join('\n')).toMatch(/HEALTHCHECK[\s\S]*fetch\([^)]*\/healthz/);
    expect(runtime.join('\n')).toMatch(/CMD \[.*dist\/main\.js"\]/);
  });

  it('keeps local build output and data out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.data', 'infra/.cache', '.git']));
  });
});
