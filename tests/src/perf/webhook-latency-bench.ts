// Match created → signed webhook delivery received (DESIGN.md "Performance targets": p99 < 1 s at
// 50 matches/s). Run by `npm run bench:webhooks`, which starts a fresh stack and sets GATEWAY_URL.
// One bank with one product and a webhook to a local receiver that answers 200 at once; enterprises
// of the product's industry post demands open-loop at each rate, so each demand makes exactly one
// match. The latency of a delivery is its arrival minus the payload's `occurredAt` (the match event's
// time, written by the matching service on the same host clock), after its signature was checked.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { mongoose } from '@yinqi/db';
import { aUscc, anEmail, gql } from '@yinqi/testing';
import { fmt, machine, markdownTable, percentile, reproduceCommand, writeSection } from './performance-report';

const RATES = (process.env.BENCH_RATES ?? '10,50').split(',').map((s) => Number(s.trim()));
const MATCHES_PER_RATE = Number(process.env.BENCH_MATCHES ?? 300);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 20);
const KNOBS = ['BENCH_RATES', 'BENCH_MATCHES', 'BENCH_ENTERPRISES'];
const PASSWORD = 'bench-password-2026';

async function must<T>(r: Promise<{ data?: T; errors?: unknown }>, what: string): Promise<T> {
  const x = await r;
  if (!x.data) throw new Error(`${what}: ${JSON.stringify(x.errors)}`);
  return x.data;
}

async function main() {
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const adminLogin = await must(
    gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
      e: process.env.ADMIN_EMAIL ?? 'admin@yinqi.local',
      p: process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026',
    }),
    'admin login',
  );
  const admin = adminLogin.login.token;
  const bankInst = await must(
    gql<{ createInstitution: { id: string } }>(
      'mutation($i:CreateInstitutionInput!){ createInstitution(input:$i){ id } }',
      { i: { kind: 'BANK', name: '压测银行' } },
      admin,
    ),
    'bank',
  );
  const bankEmail = anEmail('bench-bank');
  await must(
    gql(
      'mutation($i:CreateUserInput!){ createUser(input:$i){ id } }',
      { i: { email: bankEmail, password: PASSWORD, role: 'BANK_OFFICER', institutionId: bankInst.createInstitution.id } },
      admin,
    ),
    'bank officer',
  );
  const bank = (
    await must(
      gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
        e: bankEmail,
        p: PASSWORD,
      }),
      'bank login',
    )
  ).login.token;
  const industry = `压测-${Date.now()}`;
  await must(
    gql(
      'mutation($i:ProductInput!){ publishProduct(input:$i){ id } }',
      {
        i: {
          name: '专精特新贷',
          minAmount: 100_000,
          maxAmount: 50_000_000,
          minTermMonths: 1,
          maxTermMonths: 60,
          annualRateMin: 3,
          annualRateMax: 5,
          industries: [industry],
        },
      },
      bank,
    ),
    'product',
  );

  // The receiver: checks every signature and records arrival − occurredAt per event id.
  const arrivals = new Map<string, number>();
  /** When each delivered match was created (its event's occurredAt), for the rate the platform really made them at. */
  const createdAt = new Map<string, number>();
  let badSignatures = 0;
  let secret = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const raw = Buffer.concat(chunks).toString();
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['yinqi-signature']));
      const ok = m && timingSafeEqual(Buffer.from(m[2]!, 'hex'), createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest());
      if (!ok) badSignatures += 1;
      else {
        const body = JSON.parse(raw) as { id: string; occurredAt: string };
        if (!arrivals.has(body.id)) {
          arrivals.set(body.id, at - Date.parse(body.occurredAt));
          createdAt.set(body.id, Date.parse(body.occurredAt));
        }
      }
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const hook = await must(
    gql<{ registerWebhook: { signingSecret: string } }>(
      'mutation($u:String!){ registerWebhook(url:$u, events:[MATCH_PROPOSED]){ signingSecret } }',
      { u: url },
      bank,
    ),
    'webhook',
  );
  secret = hook.registerWebhook.signingSecret;

  const enterprises: string[] = [];
  for (let i = 0; i < ENTERPRISES; i += 1) {
    const r = await must(
      gql<{ registerEnterprise: { token: string } }>('mutation($i:RegisterEnterpriseInput!){ registerEnterprise(input:$i){ token } }', {
        i: { email: anEmail('bench-ent'), password: PASSWORD, name: `压测企业${i}有限公司`, uscc: aUscc(), industry, town: '龙水镇' },
      }),
      'enterprise',
    );
    enterprises.push(r.registerEnterprise.token);
  }
  // Warm-up: the enterprise copies reach the matcher, and the first delivery opens the path.
  await must(
    gql(
      'mutation($i:DemandInput!){ postDemand(input:$i){ id } }',
      { i: { amount: 1_000_000, termMonths: 12, purpose: 'WORKING_CAPITAL', collateral: 'CREDIT', needsGuarantee: false } },
      enterprises[0],
    ),
    'warm-up demand',
  );
  const warmDeadline = Date.now() + 60_000;
  while (arrivals.size === 0 && Date.now() < warmDeadline) await new Promise((r) => setTimeout(r, 100));
  if (arrivals.size === 0) throw new Error('no delivery within 60 s of the warm-up demand');

  // Where the time goes, from the webhook service's own records (same host clock): the event path
  // until the delivery is recorded (relay, Kafka, consumer), then recorded until answered.
  const store =
    process.env.MONGO_URL && process.env.YINQI_DB_PREFIX
      ? await mongoose.createConnection(process.env.MONGO_URL, { dbName: `${process.env.YINQI_DB_PREFIX}_webhook` }).asPromise()
      : undefined;
  const split = async (ids: string[]) => {
    if (!store) return ['n/a', 'n/a'];
    const docs = await store
      .collection('webhook_deliveries')
      .find({ eventId: { $in: ids }, manual: false })
      .toArray();
    const recorded = docs
      .map((d) => +new Date(d.createdAt as Date) - Date.parse((JSON.parse(d.body as string) as { occurredAt: string }).occurredAt))
      .sort((a, b) => a - b);
    const sent = docs
      .filter((d) => d.deliveredAt)
      .map((d) => +new Date(d.deliveredAt as Date) - +new Date(d.createdAt as Date))
      .sort((a, b) => a - b);
    return [
      `${fmt(percentile(recorded, 50))} / ${fmt(percentile(recorded, 99))}`,
      `${fmt(percentile(sent, 50))} / ${fmt(percentile(sent, 99))}`,
    ];
  };
  const rows: (string | number)[][] = [];
  for (const rate of RATES) {
    const before = new Set(arrivals.keys());
    const started = Date.now();
    const posts: Promise<unknown>[] = [];
    for (let i = 0; i < MATCHES_PER_RATE; i += 1) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      posts.push(
        gql(
          'mutation($i:DemandInput!){ postDemand(input:$i){ id } }',
          { i: { amount: 1_000_000 + i, termMonths: 12, purpose: 'WORKING_CAPITAL', collateral: 'CREDIT', needsGuarantee: false } },
          enterprises[i % enterprises.length],
        ),
      );
    }
    const answers = await Promise.all(posts);
    const failedPosts = answers.filter((a) => !(a as { data?: unknown }).data).length;
    const deadline = Date.now() + 120_000;
    const fresh = () => [...arrivals.entries()].filter(([id]) => !before.has(id));
    while (fresh().length < MATCHES_PER_RATE - failedPosts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const lat = fresh()
      .map(([, ms]) => ms)
      .sort((a, b) => a - b);
    const span = (Date.now() - started) / 1000;
    // Demands are offered open-loop at `rate`; matches appear as fast as the platform makes them.
    const made = fresh()
      .map(([id]) => createdAt.get(id)!)
      .sort((a, b) => a - b);
    const madeRate = made.length > 1 ? (made.length - 1) / ((made.at(-1)! - made[0]!) / 1000) : NaN;
    rows.push([
      `${rate}/s`,
      fmt(madeRate, 1),
      MATCHES_PER_RATE - failedPosts,
      lat.length,
      fmt(percentile(lat, 50)),
      fmt(percentile(lat, 99)),
      fmt(lat.at(-1) ?? NaN),
      fmt(lat.length / span, 1),
      ...(await split(fresh().map(([id]) => id))),
    ]);

    console.log(`rate ${rate}/s: ${lat.length} delivered, p50 ${percentile(lat, 50)} ms, p99 ${percentile(lat, 99)} ms`);
  }
  server.close();
  await store?.close();

  const section = [
    '## Webhooks: match created → signed delivery received',
    '',
    "One bank, one product, a webhook to a local receiver that checks each signature and answers 200 at once; demands posted open-loop through the gateway, one match each. Latency = arrival at the receiver − the payload's `occurredAt` (the match event's time, same host clock). Goal (DESIGN.md): p99 < 1 s at 50 matches/s.",
    '',
    markdownTable(
      [
        'demands offered',
        'matches made /s',
        'matches',
        'delivered',
        'p50 ms',
        'p99 ms',
        'max ms',
        'deliveries/s (posting + drain)',
        'event → recorded p50 / p99 ms',
        'recorded → answered p50 / p99 ms',
      ],
      rows,
    ),
    '',
    `- Bad signatures: ${badSignatures}. Webhook service: the contract's retry schedule, WEBHOOK_POLL_MS 500 (a new delivery wakes the dispatcher at once).`,
    `- Machine: ${machine()}; load average ${loadAtStart} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end`,
    `- Command: \`${reproduceCommand('tests/dist/perf/webhook-latency-bench.js', KNOBS)}\``,
  ].join('\n');
  writeSection('webhook-latency', section);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
