// `npm run monitor:rebuild`: asks the running monitor to reset its read model and replay every
// topic from the beginning in a fresh consumer group, and prints how long that took.
//   MONITOR_URL (default http://127.0.0.1:4017, the `npm start` stack). It needs a FINANCE_CENTER
//   token and mints none (only identity holds a signing key): YINQI_TOKEN, or it signs in through
//   GATEWAY_URL (default http://127.0.0.1:4000/graphql) as ADMIN_EMAIL / ADMIN_PASSWORD (the local
//   defaults outside production).
//   --status   only prints the read model's status (generation, caught up, fact counts).
import { loadConfig, z } from '@yinqi/config';

async function main(): Promise<number> {
  const env = loadConfig(
    z.object({
      NODE_ENV: z.string().default('development'),
      MONITOR_URL: z.string().url().default('http://127.0.0.1:4017'),
      GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
      YINQI_TOKEN: z.string().min(1).optional(),
      ADMIN_EMAIL: z.string().optional(),
      ADMIN_PASSWORD: z.string().optional(),
    }),
    process.env,
  );
  const token = env.YINQI_TOKEN ?? (await signIn(env));
  const statusOnly = process.argv.includes('--status');
  const call = async (method: 'GET' | 'POST', route: string) => {
    const res = await fetch(new URL(route, env.MONITOR_URL), {
      method,
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });
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
    const s = JSON.parse(await call('GET', '/admin/status')) as {
      rebuilding: boolean;
      generation: number;
      seen: number;
      lastRebuild: { events: number; facts: number; ms: number; generation: number } | { error: string } | null;
    };
    if (s.rebuilding) continue;
    const r = s.lastRebuild;
    if (!r || 'error' in r || r.generation !== started.generation) {
      process.stderr.write(`rebuild failed: ${JSON.stringify(r)}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.stdout.write(
      `rebuilt generation ${r.generation}: ${r.events} events → ${r.facts} facts in ${(r.ms / 1000).toFixed(1)} s (command took ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
    );
    break;
  }
  return 0;
}

/** A FINANCE_CENTER token from the gateway's login. */
async function signIn(env: {
  NODE_ENV: string;
  GATEWAY_URL: string;
  ADMIN_EMAIL?: string | undefined;
  ADMIN_PASSWORD?: string | undefined;
}): Promise<string> {
  const local = env.NODE_ENV !== 'production';
  const email = env.ADMIN_EMAIL ?? (local ? 'admin@yinqi.local' : undefined);
  const password = env.ADMIN_PASSWORD ?? (local ? 'yinqi-admin-2026' : undefined);
  if (!email || !password) throw new Error('set YINQI_TOKEN, or ADMIN_EMAIL and ADMIN_PASSWORD of a FINANCE_CENTER account');
  const res = await fetch(env.GATEWAY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { role } } }',
      variables: { e: email, p: password },
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: { login?: { token: string; user: { role: string } } }; errors?: { message: string }[] };
  const login = body.data?.login;
  if (!login) throw new Error(`sign-in at ${env.GATEWAY_URL} failed: ${body.errors?.[0]?.message ?? res.status}`);
  if (login.user.role !== 'FINANCE_CENTER') throw new Error(`${email} is not a FINANCE_CENTER account`);
  return login.token;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`monitor rebuild failed: ${err.message}\n`);
    process.exit(1);
  },
);
