// The short chaos run inside `npm test` (the full one is `npm run chaos`): the driver owns a stack of
// its own — its own Kafka broker and FerretDB on other ports and data, every service and the gateway
// as its child processes — runs the acceptOffer/disburseLoan races (1,000 concurrent calls each),
// then whole journeys while every process is killed with SIGKILL and restarted in turn, and exits
// non-zero on any violation (a journey acknowledged but not complete, a count off by one).
// It is a solo file so it runs alone, after the main phase, on a machine nothing else loads.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('chaos (short profile): faults while journeys run, then every count exact', () => {
  it('completes every acknowledged journey and keeps one match per demand and product, one loan per accepted match, the dashboard equal to the sum', async () => {
    // Ports past the test stack's own (its replicas reach TEST_SERVICE_PORT_BASE + 30): + 110 … + 142.
    const base = Number(process.env.TEST_SERVICE_PORT_BASE ?? 4110) + 110;
    const out: string[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'tests/dist/chaos/chaos.js'), '--profile', 'short'], {
        cwd: ROOT,
        env: { ...process.env, CHAOS_PORT_BASE: String(base) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (b: Buffer) => {
        out.push(b.toString());
        process.stdout.write(b);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.on('exit', (c) => resolve(c));
    });
    const text = out.join('');
    expect({ code, violations: text.slice(text.indexOf('VIOLATIONS')) }).toEqual({
      code: 0,
      violations: expect.not.stringContaining('VIOLATIONS ('),
    });
    expect(text).toContain('every acknowledged journey complete, every count exact');
  }, 600_000);
});
