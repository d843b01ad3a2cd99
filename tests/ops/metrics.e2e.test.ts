// What an operator's Prometheus scrapes: every service and the gateway expose latency histograms,
// the database's command latency, the outbox relay's backlog, each consumer group's lag per
// partition and the event loop's lag; /healthz counts a consumer that is not running as not ready.
import { gql, waitFor } from '@yinqi/testing';
import { registerEnterprise, signInAdmin } from '../support/actors';

/** The base URL of each replica of a service, as the launcher gave them to the gateway. */
const replicasOf = (service: string) => (process.env[`${service.toUpperCase()}_URL`] ?? '').split(',').filter(Boolean);
const gatewayBase = () => new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4100/graphql').origin;

async function scrape(base: string): Promise<string> {
  const res = await fetch(new URL('/metrics', base));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** The samples of one metric, as `{labels} value` pairs (labels as written). */
function samples(text: string, name: string): { labels: string; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .map((l) => {
      const at = l.lastIndexOf(' ');
      return { labels: l.slice(name.length, at), value: Number(l.slice(at + 1)) };
    });
}

const sum = (xs: { value: number }[]) => xs.reduce((n, x) => n + x.value, 0);

describe('metrics for operators', () => {
  it('a service shows HTTP and database latency histograms, its relay and consumers, and event-loop lag', async () => {
    // Registration: identity writes the user with its event (outbox), enterprise consumes it.
    const ent = await registerEnterprise();
    expect(ent.enterpriseId).toBeTruthy();

    const identity = await Promise.all(replicasOf('identity').map(scrape));
    const all = identity.join('\n');
    expect(sum(samples(all, 'http_request_duration_seconds_count').filter((s) => s.labels.includes('method="POST"')))).toBeGreaterThan(0);
    expect(samples(all, 'http_request_duration_seconds_bucket').some((s) => s.labels.includes('le="0.05"'))).toBe(true);
    expect(sum(samples(all, 'db_command_duration_seconds_count').filter((s) => s.labels.includes('command="insert"')))).toBeGreaterThan(0);
    // The registration's event left through one of the replicas' relays, with its delay observed.
    expect(sum(samples(all, 'outbox_publish_delay_seconds_count'))).toBeGreaterThan(0);
    for (const text of identity) {
      expect(samples(text, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
      expect(samples(text, 'outbox_pending_documents')).toHaveLength(1);
      expect(samples(text, 'outbox_oldest_pending_seconds')[0]!.value).toBeGreaterThanOrEqual(0);
      expect(samples(text, 'process_resident_memory_bytes')[0]!.value).toBeGreaterThan(10_000_000);
    }

    // The enterprise service consumes the enterprise topic, where identity publishes the registration:
    // a lag sample per partition, down to 0 once the registration is applied.
    const [enterprise] = replicasOf('enterprise');
    let last: unknown;
    const lags = await waitFor(
      async () => {
        const l = samples(await scrape(enterprise!), 'kafka_consumer_lag').filter((s) => s.labels.includes('.enterprise"'));
        last = l;
        return l.length >= 3 && l.every((s) => s.value === 0) ? l : null;
      },
      { timeoutMs: 20_000, intervalMs: 500, message: "the enterprise service's lag on the enterprise topic to reach 0" },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; last samples: ${JSON.stringify(last)}`);
    });
    for (const l of lags) expect(l.labels).toMatch(/group="[^"]+",topic="[^"]+",partition="\d+"/);
    const running = samples(await scrape(enterprise!), 'kafka_consumers_running')[0]!.value;
    expect(running).toBeGreaterThan(0);

    const health = (await (await fetch(new URL('/healthz', enterprise))).json()) as { checks: Record<string, boolean> };
    expect(health.checks).toMatchObject({ database: true, kafkaConsumers: true });
  });

  it('the gateway counts and times GraphQL requests by root field, and keeps its cache counters', async () => {
    const admin = await signInAdmin();
    const mine = (s: { labels: string }) => s.labels.includes('operation="query policy"') && s.labels.includes('status="200"');
    const before = samples(await scrape(gatewayBase()), 'gateway_graphql_request_duration_seconds_count').filter(mine);
    for (let i = 0; i < 3; i += 1)
      expect((await gql('query OpsProbe { policy { guaranteeFeeRateCap } }', {}, admin)).errors).toBeUndefined();
    const text = await scrape(gatewayBase());
    // Answers from the cache are timed too; the label is the root field, never the client's operation name.
    expect(sum(samples(text, 'gateway_graphql_request_duration_seconds_count').filter(mine)) - sum(before)).toBe(3);
    expect(text).not.toContain('OpsProbe');
    expect(samples(text, 'gateway_response_cache_hits_total')).toHaveLength(1);
    expect(samples(text, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });
});
