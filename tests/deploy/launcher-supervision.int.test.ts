// The launcher supervises what it starts, as compose's restart policy would: a service, the gateway
// or the store that dies is started again with backoff, and the launcher says so in one line.
// Real processes: the launcher's own modules run in a child (tests/support/supervised.mjs) on ports
// and a namespace of their own, so killing them disturbs no other test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabaseName, freshTopicPrefix, waitFor } from '@yinqi/testing';
import mongoose from 'mongoose';

const { MongoClient } = mongoose.mongo;

const ROOT = path.resolve(__dirname, '../..');
const HELPER = path.join(ROOT, 'tests/support/supervised.mjs');
/** Clear of the test stack (base+1…8), the chaos stack (base+20…52) and other test files. */
const BASE = Number(process.env.TEST_SERVICE_PORT_BASE ?? 4110) + 60;

interface Helper {
  child: ChildProcess;
  lines: string[];
  pids: () => Promise<Record<string, number>>;
  stop: () => Promise<void>;
}

function runHelper(args: string[], env: Record<string, string> = {}): Helper {
  const child = spawn(process.execPath, [HELPER, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  const take = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    pids: async () => {
      const deadline = Date.now() + 150_000;
      for (;;) {
        const line = lines.find((l) => l.startsWith('READY '));
        if (line) return JSON.parse(line.slice('READY '.length)) as Record<string, number>;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the helper exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${lines.join('\n')}`);
        if (Date.now() > deadline) throw new Error(`the supervised processes did not come up in 150 s:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
}

describe('the launcher restarts what dies', () => {
  it('restarts a process that keeps dying after 100, 200, 400, 400 ms, one line each, and not after it is stopped', async () => {
    const h = runHelper(['flaky', '100', '400', '4']);
    try {
      await waitFor(() => h.lines.some((l) => l.endsWith(' STOPPED')), { timeoutMs: 20_000, message: 'four restarts, then stop' });
      await new Promise<void>((resolve) => (h.child.exitCode !== null ? resolve() : h.child.once('exit', () => resolve())));
      const said = h.lines
        .filter((l) => / flaky /.test(l))
        .map((l) => l.replace(/^\d+ /, '').replace(/after \d+\.\ds \(pid \d+\)/, 'after …'));
      expect(said).toEqual([
        'flaky exited with code 3 after …: restarting in 0.1s, restart #1',
        'flaky exited with code 3 after …: restarting in 0.2s, restart #2',
        'flaky exited with code 3 after …: restarting in 0.4s, restart #3',
        'flaky exited with code 3 after …: restarting in 0.4s, restart #4',
      ]);
      // the first start and one per restart but the last, which came after stop()
      const starts = h.lines.filter((l) => / START \d+$/.test(l)).map((l) => Number(l.split(' ')[0]));
      expect(starts).toHaveLength(4);
      // each start waited at least its delay after the previous one died (50 ms run + 200 ms settle + delay)
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(100);
      expect(gaps[1]).toBeGreaterThanOrEqual(200);
      expect(gaps[2]).toBeGreaterThanOrEqual(400);
    } finally {
      await h.stop();
    }
  });

  it('brings a service killed with SIGKILL back: the gateway /healthz recovers and the launcher says so', async () => {
    const servicePortBase = BASE;
    const gatewayPort = BASE + 9;
    // identity too: the gateway's /healthz always asks it
    const h = runHelper(
      ['stack', String(servicePortBase), String(gatewayPort), freshDatabaseName('supervision'), freshTopicPrefix('supervision')],
      { YINQI_ONLY_SERVICES: 'identity,product' },
    );
    try {
      const pids = await h.pids();
      const gatewayHealth = `http://127.0.0.1:${gatewayPort}/healthz`;
      const productHealth = `http://127.0.0.1:${servicePortBase + 3}/healthz`;
      expect(await status(gatewayHealth)).toBe(200);
      const before = pids.product!;

      process.kill(before, 'SIGKILL');

      await waitFor(() => !alive(before), { timeoutMs: 5_000, message: 'the product service to die' });
      const line = await waitFor(
        () =>
          h.lines.find((l) =>
            /product killed by SIGKILL after .*: restarting in 1\.0s, restart #1 \(log: \.data\/logs\/product\.supervision-\d+\.log\)$/.test(
              l,
            ),
          ),
        {
          timeoutMs: 10_000,
          message: 'the launcher to say it restarts product',
        },
      );
      expect(line).toContain(`(pid ${before})`);
      await waitFor(async () => (await status(productHealth)) === 200 && (await status(gatewayHealth)) === 200, {
        timeoutMs: 90_000,
        intervalMs: 250,
        message: 'product and the gateway healthy again',
      });
      expect(h.lines.filter((l) => /restarting in/.test(l))).toHaveLength(1); // the gateway did not die with it
    } finally {
      await h.stop();
    }
  }, 300_000); // a stack start and a service restart on a shared 2-core machine

  it('brings the store back when FerretDB is killed with SIGKILL, on the same data', async () => {
    const port = BASE - 5;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'yinqi-ferret-supervision-'));
    const h = runHelper(['ferretdb', String(port), dataDir]);
    const url = `mongodb://127.0.0.1:${port}/`;
    try {
      const pids = await h.pids();
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000 });
      await client.connect();
      await client
        .db('supervision')
        .collection('marks')
        .insertOne({ _id: 'before-the-crash' } as never);
      await client.close();

      process.kill(pids.ferretdb!, 'SIGKILL');

      await waitFor(() => h.lines.find((l) => /ferretdb killed by SIGKILL after .*: restarting in 1\.0s, restart #1/.test(l)), {
        timeoutMs: 10_000,
        message: 'the launcher to say it restarts FerretDB',
      });
      const found = await waitFor(
        async () => {
          const c = new MongoClient(url, { serverSelectionTimeoutMS: 1000 });
          try {
            await c.connect();
            return await c
              .db('supervision')
              .collection('marks')
              .findOne({ _id: 'before-the-crash' } as never);
          } finally {
            await c.close().catch(() => {});
          }
        },
        { timeoutMs: 30_000, intervalMs: 300, message: 'FerretDB answering again with the data written before the crash' },
      );
      expect(found).toEqual({ _id: 'before-the-crash' });
    } finally {
      await h.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
