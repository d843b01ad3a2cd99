// infra/helm/yinqi through the real helm (built by `npm test` from its Go module into
// infra/.cache/helm-<version>): lint, render, and the rendered objects checked as a cluster would
// get them. No Kubernetes cluster is needed.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const CHART = path.join(ROOT, 'infra/helm/yinqi');
const HELM_VERSION = /HELM_VERSION = '([^']+)'/.exec(readFileSync(path.join(ROOT, 'infra/launcher/helm.mjs'), 'utf8'))![1]!;
const HELM = path.join(ROOT, `infra/.cache/helm-${HELM_VERSION}/helm`);

const SIGNING = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

/** Everything a deployer must give (helm install --set …). */
const REQUIRED = {
  'kafka.brokers': 'kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092',
  'mongo.url': 'mongodb://yinqi:pw@mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo:27017/?replicaSet=rs0',
  'secrets.jwtSigningKeys': JSON.stringify({ keys: [{ ...SIGNING, kid: 'k1' }] }),
  jwtPublicKeys: JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: SIGNING.x, y: SIGNING.y, kid: 'k1' }] }),
  'secrets.adminEmail': 'admin@district.example',
  'secrets.adminPassword': 'a-long-admin-password',
  'secrets.auditIngestKey': 'an-audit-ingest-key-of-at-least-32-characters',
  'secrets.webhookSecretKey': 'a-webhook-sealing-key-of-at-least-32-characters',
};
const SINGLETONS = ['matching', 'monitor', 'capital'];
const services = readdirSync(path.join(ROOT, 'services')).filter((d) => existsSync(path.join(ROOT, 'services', d, 'package.json')));
const apps = [...services, 'gateway'];

function helm(args: string[], set: Record<string, string> = REQUIRED) {
  // --set separates values with commas: a comma inside one (the broker list) is escaped
  // a JSON value (the key sets) goes as a JSON string: --set would read its braces as a list
  const setArgs = Object.entries(set).flatMap(([k, v]) =>
    v.startsWith('{') ? ['--set-json', `${k}=${JSON.stringify(v)}`] : ['--set-string', `${k}=${v.replace(/,/g, '\\,')}`],
  );
  // `helm template` assumes an old cluster unless told; the chart asks for Kubernetes ≥ 1.25.
  const kube = args[0] === 'template' ? ['--kube-version', '1.30.0'] : [];
  const r = spawnSync(HELM, [...args, ...kube, ...setArgs], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM_CACHE_HOME: path.join(ROOT, 'infra/.cache/helm-home/cache'),
      HELM_CONFIG_HOME: path.join(ROOT, 'infra/.cache/helm-home/config'),
      HELM_DATA_HOME: path.join(ROOT, 'infra/.cache/helm-home/data'),
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The rendered objects; a document a strict YAML reader refuses (a duplicated key, say) fails the render. */
function render(set: Record<string, string> = REQUIRED): K8sObject[] {
  const r = helm(['template', 'yq', CHART, '--namespace', 'finance'], set);
  if (r.code !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  const docs = YAML.parseAllDocuments(r.stdout);
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length) throw new Error(`the rendered chart is not clean YAML: ${errors.join('; ')}`);
  return docs.map((d) => d.toJSON() as K8sObject | null).filter((o): o is K8sObject => o !== null);
}

beforeAll(() => {
  if (!existsSync(HELM)) throw new Error(`${HELM} is missing: run the tests with \`npm test\`, which builds it (needs go)`);
});

describe('the Helm chart (infra/helm/yinqi)', () => {
  it(`passes helm ${HELM_VERSION} lint --strict`, () => {
    const r = helm(['lint', CHART, '--strict']);
    expect(r.stdout + r.stderr).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(r.code).toBe(0);
  });

  describe('rendered with the required values', () => {
    let objects: K8sObject[] = [];
    beforeAll(() => {
      objects = render();
    });
    const of = (kind: string) => objects.filter((o) => o.kind === kind);
    const named = (kind: string, app: string) => of(kind).find((o) => o.metadata.name === `yq-yinqi-${app}`);

    it('has a Deployment, a Service and a PodDisruptionBudget for the gateway and every service', () => {
      for (const app of apps) {
        expect({
          app,
          deployment: !!named('Deployment', app),
          service: !!named('Service', app),
          pdb: !!named('PodDisruptionBudget', app),
        }).toEqual({ app, deployment: true, service: true, pdb: true });
      }
      expect(of('Deployment')).toHaveLength(apps.length);
    });

    it.each(apps)('runs %s from its own image, non-root, with probes and measured resources', (app) => {
      const d = named('Deployment', app)!;
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      expect(c.image).toBe(`registry.example.cn/yinqi/yinqi-${app}:0.1.0`);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(c.readinessProbe).toBeDefined();
      expect(c.livenessProbe).toBeDefined();
      expect(c.startupProbe).toBeDefined();
      if (app !== 'gateway') expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.resources.requests.cpu).toMatch(/^\d+m$/);
      expect(c.resources.requests.memory).toMatch(/^\d+Mi$/);
      expect(c.resources.limits.memory).toMatch(/^\d+Mi$/);
      // the limit leaves room above the request (peaks under load: docs/PERFORMANCE.md)
      expect(parseInt(c.resources.limits.memory, 10)).toBeGreaterThan(parseInt(c.resources.requests.memory, 10));
      // the pod template's labels are what its Service, PDB (and HPA's Deployment) select
      for (const kind of ['Service', 'PodDisruptionBudget']) {
        const o = named(kind, app)!;
        const selector = kind === 'Service' ? o.spec.selector : o.spec.selector.matchLabels;
        for (const [k, v] of Object.entries(selector)) expect(d.spec.template.metadata.labels[k]).toBe(v);
      }
      expect(named('Service', app)!.spec.ports[0].targetPort).toBe('http');
    });

    it('gives every app the secrets from one Secret and the settings from one ConfigMap', () => {
      const secret = of('Secret')[0]!;
      expect(Object.keys(secret.stringData!).sort()).toEqual([
        'ADMIN_EMAIL',
        'ADMIN_PASSWORD',
        'AUDIT_INGEST_KEY',
        'JWT_SIGNING_KEYS',
        'MONGO_URL',
        'WEBHOOK_SECRET_KEY',
      ]);
      expect(secret.stringData!.MONGO_URL).toBe(REQUIRED['mongo.url']);
      const config = of('ConfigMap')[0]!;
      expect(config.data!.KAFKA_BROKERS).toBe(REQUIRED['kafka.brokers']);
      expect(config.data!.NODE_ENV).toBe('production');
      expect(config.data!.JWT_PUBLIC_KEYS).toBe(REQUIRED.jwtPublicKeys);
      for (const app of apps) {
        const c = named('Deployment', app)!.spec.template.spec.containers[0];
        const env = Object.fromEntries(
          (c.env as { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[]).map((e) => [
            e.name,
            e,
          ]),
        );
        expect(env.JWT_SECRET).toBeUndefined();
        // only identity holds the private keys; everyone reads the public JWKS from the ConfigMap
        if (app === 'identity')
          expect(env.JWT_SIGNING_KEYS?.valueFrom?.secretKeyRef).toEqual({ name: secret.metadata.name, key: 'JWT_SIGNING_KEYS' });
        else expect(env.JWT_SIGNING_KEYS).toBeUndefined();
        // The gateway too: its Idempotency-Key records live in the store.
        expect(env.MONGO_URL?.valueFrom?.secretKeyRef).toEqual({ name: secret.metadata.name, key: 'MONGO_URL' });
        // The audit trail's ingest key: the gateway appends with it, the audit service checks it; no one else holds it.
        expect({ app, key: env.AUDIT_INGEST_KEY?.valueFrom?.secretKeyRef }).toEqual({
          app,
          key: app === 'gateway' || app === 'audit' ? { name: secret.metadata.name, key: 'AUDIT_INGEST_KEY' } : undefined,
        });
        expect(c.envFrom).toEqual([{ configMapRef: { name: config.metadata.name } }]);
      }
      expect(named('Deployment', 'identity')!.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toEqual(
        expect.arrayContaining(['ADMIN_EMAIL', 'ADMIN_PASSWORD']),
      );
    });

    it("points the gateway at every service's Service and port", () => {
      const config = of('ConfigMap')[0]!;
      for (const svc of services) {
        const s = named('Service', svc)!;
        const port = s.spec.ports[0].port as number;
        expect(config.data![`${svc.toUpperCase()}_URL`]).toBe(`http://${s.metadata.name}:${port}`);
        expect(port).toBe(named('Deployment', svc)!.spec.template.spec.containers[0].ports[0].containerPort);
      }
    });

    it('keeps matching, monitor and capital at exactly one replica, replaced (not rolled) on upgrade, without an autoscaler', () => {
      for (const app of SINGLETONS) {
        const d = named('Deployment', app)!;
        expect({ app, replicas: d.spec.replicas, strategy: d.spec.strategy.type }).toEqual({ app, replicas: 1, strategy: 'Recreate' });
        expect(named('HorizontalPodAutoscaler', app)).toBeUndefined();
        expect(named('PodDisruptionBudget', app)!.spec.maxUnavailable).toBe(1);
      }
    });

    it('autoscales every other service and the gateway on CPU, keeping at least one pod through voluntary disruptions', () => {
      for (const app of apps.filter((a) => !SINGLETONS.includes(a))) {
        const hpa = named('HorizontalPodAutoscaler', app);
        expect({ app, hpa: hpa?.spec.scaleTargetRef }).toEqual({
          app,
          hpa: { apiVersion: 'apps/v1', kind: 'Deployment', name: `yq-yinqi-${app}` },
        });
        expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(hpa!.spec.metrics[0].resource.name).toBe('cpu');
        expect(named('Deployment', app)!.spec.replicas).toBeUndefined(); // the HPA owns the count
        expect(named('PodDisruptionBudget', app)!.spec.minAvailable).toBe(1);
      }
    });
  });

  it('refuses to render without the brokers and the secrets, naming what is missing', () => {
    const r = helm(['template', 'yq', CHART], {});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('kafka.brokers is required');
    const noKeys = helm(['template', 'yq', CHART], { 'kafka.brokers': REQUIRED['kafka.brokers'] });
    expect(noKeys.code).not.toBe(0);
    expect(noKeys.stderr).toContain('jwtPublicKeys is required');
    const privateAsPublic = helm(['template', 'yq', CHART], {
      'kafka.brokers': REQUIRED['kafka.brokers'],
      jwtPublicKeys: REQUIRED['secrets.jwtSigningKeys'],
    });
    expect(privateAsPublic.stderr).toContain('jwtPublicKeys holds a private key');
    const noSecret = helm(['template', 'yq', CHART], { 'kafka.brokers': REQUIRED['kafka.brokers'], jwtPublicKeys: REQUIRED.jwtPublicKeys });
    expect(noSecret.code).not.toBe(0);
    expect(noSecret.stderr).toContain('mongo.url is required');
  });

  it.each(SINGLETONS)('refuses to scale %s past one replica', (app) => {
    const r = helm(['template', 'yq', CHART], { ...REQUIRED, [`apps.${app}.replicas`]: '2' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`apps.${app} must run as exactly one replica`);
  });

  it('routes an optional Ingress to the gateway', () => {
    const objects = render({ ...REQUIRED, 'gateway.ingress.enabled': 'true', 'gateway.ingress.host': 'yinqi.district.example' });
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.spec.rules[0].host).toBe('yinqi.district.example');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'yq-yinqi-gateway', port: { name: 'http' } });
    expect(render().filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('uses an existing Secret instead of creating one', () => {
    const objects = render({
      'kafka.brokers': REQUIRED['kafka.brokers'],
      jwtPublicKeys: REQUIRED.jwtPublicKeys,
      'secrets.existingSecret': 'yinqi-sealed',
    });
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const identity = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'yq-yinqi-identity')!;
    for (const e of identity.spec.template.spec.containers[0].env.filter((x: { valueFrom?: unknown }) => x.valueFrom))
      expect(e.valueFrom.secretKeyRef.name).toBe('yinqi-sealed');
  });
});
