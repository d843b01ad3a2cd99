// The chaos run's own stack: a Kafka broker and a FerretDB of its own (own ports, own data directory
// under .data/chaos-<port>/, so the shared ones on 9092/27017 are never touched), every service and
// the gateway as child processes — all of which the fault schedule may SIGKILL and start again.
// Reuses the launcher's pieces (infra/launcher/*.mjs) rather than repeating them.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(__dirname, '../../..');

/** Native import() of the launcher's ES modules from this CommonJS build. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('s', 'return import(s)') as (specifier: string) => Promise<any>;
const launcher = (file: string) => importEsm(pathToFileURL(path.join(ROOT, 'infra/launcher', file)).href);

export interface ChaosPorts {
  gateway: number;
  serviceBase: number;
  kafka: number;
  kafkaController: number;
  ferret: number;
}

/** Ports from one base: gateway = base, services base+11…, Kafka base+30/31, FerretDB base+32. */
export function portsFrom(base: number): ChaosPorts {
  return { gateway: base, serviceBase: base + 10, kafka: base + 30, kafkaController: base + 31, ferret: base + 32 };
}

interface Unit {
  name: string;
  port: number;
  main: string;
  child: ChildProcess | null;
  /** Set while the driver itself is stopping this process (an exit then is expected). */
  expectingExit: boolean;
}

export interface UnplannedExit {
  name: string;
  at: number;
  code: number | null;
  signal: string | null;
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ChaosStack {
  readonly units = new Map<string, Unit>();
  readonly unplannedExits: UnplannedExit[] = [];
  env: Record<string, string> = {};
  private kafka: ChildProcess | null = null;
  private ferret: ChildProcess | null = null;
  private mods!: { util: any; kafka: any; ferret: any; stack: any };
  brokers: string[] = [];
  mongoUrl = '';
  private stopped = false;

  constructor(
    readonly ports: ChaosPorts,
    readonly namespace: { dbPrefix: string; topicPrefix: string },
    private readonly log: (line: string) => void,
  ) {}

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.ports.gateway}/graphql`;
  }

  /** Service names in start order (the gateway last). */
  get unitNames(): string[] {
    return [...this.units.keys()];
  }

  async start(): Promise<void> {
    // The launcher's modules read YINQI_DATA_DIR once, when first imported: point them at our own
    // directory, always (under `npm test` the inherited value is the shared .data, whose kafka/ and
    // ferretdb/ belong to the shared broker and FerretDB).
    const dataDir = process.env.CHAOS_DATA_DIR ?? path.join(ROOT, '.data', `chaos-${this.ports.gateway}`);
    process.env.YINQI_DATA_DIR = dataDir;
    // Every run starts from an empty broker and store: earlier runs' topics made each broker restart
    // (log recovery) slower. Only in a directory this driver made (it leaves a mark there).
    const mark = path.join(dataDir, '.chaos-owned');
    if (existsSync(mark)) for (const sub of ['kafka', 'ferretdb']) rmSync(path.join(dataDir, sub), { recursive: true, force: true });
    else if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
      throw new Error(`${dataDir} exists and was not made by the chaos driver: choose another CHAOS_DATA_DIR`);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(mark, 'made by tests/src/chaos (npm run chaos); its kafka/ and ferretdb/ are emptied at every run\n');
    process.env.KAFKA_HEAP ??= '512m';
    this.mods = {
      util: await launcher('util.mjs'),
      kafka: await launcher('kafka.mjs'),
      ferret: await launcher('ferretdb.mjs'),
      stack: await launcher('stack.mjs'),
    };
    this.mods.kafka.ensureKafkaJars();
    this.mods.ferret.ensureFerretBinary();
    await Promise.all([this.startKafka(), this.startFerret()]);
    this.env = this.mods.stack.stackEnv({
      mongoUrl: this.mongoUrl,
      brokers: this.brokers,
      namespace: this.namespace,
      gatewayPort: this.ports.gateway,
      servicePortBase: this.ports.serviceBase,
      nodeEnv: 'test',
    });
    // The gateway's per-call timeout towards a service: the races send 1,000 calls at once to one
    // service on a small machine; a longer wait keeps their answers (a lost answer proves less).
    this.env.SERVICE_TIMEOUT_MS = process.env.SERVICE_TIMEOUT_MS ?? '30000';
    // A start that hangs (its broker and store killed under it) exits after 60 s and is started again
    // (spawn's unplanned-exit restart), well inside killAndRestart's wait.
    this.env.STARTUP_DEADLINE_MS = process.env.STARTUP_DEADLINE_MS ?? '60000';
    for (const s of this.mods.stack.SERVICES as { name: string; offset: number }[]) {
      this.units.set(s.name, {
        name: s.name,
        port: this.ports.serviceBase + s.offset,
        main: path.join(ROOT, 'services', s.name, 'dist/main.js'),
        child: null,
        expectingExit: false,
      });
    }
    this.units.set('gateway', {
      name: 'gateway',
      port: this.ports.gateway,
      main: path.join(ROOT, 'gateway/dist/main.js'),
      child: null,
      expectingExit: false,
    });
    for (const u of this.units.values()) {
      if (await this.mods.util.portOpen(u.port))
        throw new Error(`port ${u.port} (for ${u.name}) is in use: set CHAOS_PORT_BASE to a free range`);
    }
    const services = [...this.units.values()].filter((u) => u.name !== 'gateway');
    for (const u of services) this.spawn(u);
    await Promise.all(services.map((u) => this.waitHealthy(u.name, 120_000)));
    this.spawn(this.units.get('gateway')!);
    await this.waitHealthy('gateway', 60_000);
  }

  private async startKafka(): Promise<void> {
    // supervise: false: the fault schedule kills and restarts the broker itself, and needs the bare process
    const k = await this.mods.kafka.startKafka({ port: this.ports.kafka, controllerPort: this.ports.kafkaController, supervise: false });
    if (!k.child)
      throw new Error(
        `a Kafka broker already answers on ${this.ports.kafka}: the chaos run needs one it may kill (an earlier run left it? stop it, or set CHAOS_PORT_BASE)`,
      );
    this.kafka = k.child;
    this.brokers = k.brokers;
  }

  private async startFerret(): Promise<void> {
    const f = await this.mods.ferret.startFerret({ port: this.ports.ferret, supervise: false });
    if (!f.child)
      throw new Error(
        `a MongoDB server already answers on ${this.ports.ferret}: the chaos run needs one it may kill (set CHAOS_PORT_BASE)`,
      );
    this.ferret = f.child;
    this.mongoUrl = f.url;
  }

  private spawn(u: Unit): void {
    const logDir = this.mods.util.LOG_DIR as string;
    mkdirSync(logDir, { recursive: true });
    const logFile = openSync(path.join(logDir, `${u.name}.log`), 'a');
    const child: ChildProcess = this.mods.util.startProcess(u.name, process.execPath, ['--enable-source-maps', u.main], {
      env: { ...this.env, PORT: String(u.port) },
      logFile,
    });
    u.child = child;
    u.expectingExit = false;
    child.once('exit', (code, signal) => {
      if (u.child !== child) return;
      u.child = null;
      if (u.expectingExit || this.stopped) return;
      // A process that died without being told to: record it and start it again, as a supervisor would.
      this.unplannedExits.push({ name: u.name, at: Date.now(), code, signal });
      this.log(`!! ${u.name} exited on its own (code ${code}, signal ${signal}); restarting it`);
      setTimeout(() => {
        if (!this.stopped && !u.child) this.spawn(u);
      }, 1_000);
    });
  }

  async waitHealthy(name: string, timeoutMs: number): Promise<number> {
    const u = this.units.get(name)!;
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      if (await healthy(u.port)) return Date.now() - t0;
      await pause(200);
    }
    throw new Error(
      `${name} did not answer /healthz within ${timeoutMs / 1000} s (log: ${path.join(this.mods.util.LOG_DIR, `${name}.log`)})`,
    );
  }

  private static killHard(child: ChildProcess | null): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** kill -9 one service (or the gateway), leave it down `downMs`, start it; resolves with the time until it answered /healthz. */
  async killAndRestart(name: string, downMs: number): Promise<number> {
    const u = this.units.get(name)!;
    u.expectingExit = true;
    await ChaosStack.killHard(u.child);
    await pause(downMs);
    this.spawn(u);
    // Up to two starts: one may hang while Kafka and FerretDB restart under it (STARTUP_DEADLINE_MS).
    return this.waitHealthy(name, 150_000);
  }

  /** kill -9 the broker, leave it down `downMs`, start it again on the same data; resolves with its restart time. */
  async restartKafka(downMs: number): Promise<number> {
    await ChaosStack.killHard(this.kafka);
    this.kafka = null;
    await pause(downMs);
    const t0 = Date.now();
    await this.startKafka();
    return Date.now() - t0;
  }

  /** kill -9 FerretDB, leave it down `downMs`, start it again on the same data. */
  async restartFerret(downMs: number): Promise<number> {
    await ChaosStack.killHard(this.ferret);
    this.ferret = null;
    await pause(downMs);
    const t0 = Date.now();
    await this.startFerret();
    return Date.now() - t0;
  }

  /** Waits until every service and the gateway answer /healthz. */
  async allHealthy(timeoutMs: number): Promise<void> {
    await Promise.all(this.unitNames.map((n) => this.waitHealthy(n, timeoutMs)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const stop = this.mods?.util?.stopProcess as ((c: ChildProcess, ms: number) => Promise<void>) | undefined;
    if (!stop) return;
    await Promise.all([...this.units.values()].map((u) => (u.child ? stop(u.child, 10_000) : Promise.resolve())));
    if (this.ferret) await stop(this.ferret, 15_000);
    if (this.kafka) await stop(this.kafka, 30_000);
  }
}
