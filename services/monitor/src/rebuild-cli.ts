// `npm run monitor:rebuild`: asks the running monitor to reset its read model and replay every
// topic from the beginning in a fresh consumer group, and prints how long that took.
//   MONITOR_URL (default http://127.0.0.1:4017, the `npm start` stack), JWT_SECRET or the local
//   dev secret in .data/ (the command signs a short-lived FINANCE_CENTER token with it).
//   --status   only prints the read model's status (generation, caught up, fact counts).
import { createTokenService, resolveJwtSecret } from '@yinqi/auth';
import { baseServiceEnv, loadConfig, z } from '@yinqi/config';

async function main(): Promise<number> {
  const env = loadConfig(
    z.object({ JWT_ISSUER: baseServiceEnv.JWT_ISSUER, JWT_AUDIENCE: baseServiceEnv.JWT_AUDIENCE, MONITOR_URL: z.string().url().default('http://127.0.0.1:4017') }),
    process.env,
  );
  const tokens = createTokenService({ secret: resolveJwtSecret(), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, ttlSeconds: 900, maxSessionSeconds: 900 });
  const token = tokens.issue({ userId: 'monitor-rebuild-cli', role: 'FINANCE_CENTER' });
  const statusOnly = process.argv.includes('--status');
  const call = async (method: 'GET' | 'POST', route: string) => {
    const res = await fetch(new URL(route, env.MONITOR_URL), { method, headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
    const body = await res.text();
    if (!res.ok) throw new Error(`monitor answered ${res.status} to ${method} ${route}: ${body}`);
    return body;
  };
  if (statusOnly) {
    process.stdout.write(`${await call('GET', '/admin/status')}\n`);
    return 0;
  }
  // Started without waiting on one long HTTP answer (a big replay outlasts HTTP client timeouts), then polled.
  const t0 = Date.now();
  const started = JSON.parse(await call('POST', '/admin/rebuild?wait=false')) as { generation: number };
  process.stdout.write(`rebuilding the monitor's read model (generation ${started.generation})…\n`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const s = JSON.parse(await call('GET', '/admin/status')) as { rebuilding: boolean; generation: number; seen: number; lastRebuild: { events: number; facts: number; ms: number; generation: number } | { error: string } | null };
    if (s.rebuilding) continue;
    const r = s.lastRebuild;
    if (!r || 'error' in r || r.generation !== started.generation) {
      process.stderr.write(`rebuild failed: ${JSON.stringify(r)}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.stdout.write(`rebuilt generation ${r.generation}: ${r.events} events → ${r.facts} facts in ${(r.ms / 1000).toFixed(1)} s (command took ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    break;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`monitor rebuild failed: ${err.message}\n`);
    process.exit(1);
  },
);
