import { Metrics } from './metrics';

describe('Metrics (prom-client registry per process)', () => {
  it('renders counters, histograms with buckets, gauges read at scrape time and sampled gauges with labels', async () => {
    const m = new Metrics({ defaultMetrics: false });
    m.inc('http_requests_total', 'HTTP requests', { method: 'GET', route: '/x', status: '200' });
    m.inc('http_requests_total', 'HTTP requests', { method: 'GET', route: '/x', status: '200' }, 2);
    m.observe('latency_seconds', 'Latency', { route: '/x' }, 0.003);
    m.observe('latency_seconds', 'Latency', { route: '/x' }, 0.2);
    let depth = 4;
    m.gauge('queue_depth', 'Depth', () => depth);
    m.sampledGauge('lag', 'Lag', ['partition'], async () => [
      { labels: { partition: 0 }, value: 5 },
      { labels: { partition: 1 }, value: 0 },
    ]);
    depth = 7;
    const text = await m.render();
    expect(text).toContain('http_requests_total{method="GET",route="/x",status="200"} 3');
    expect(text).toContain('latency_seconds_bucket{le="0.005",route="/x"} 1');
    expect(text).toContain('latency_seconds_bucket{le="0.25",route="/x"} 2');
    expect(text).toContain('latency_seconds_count{route="/x"} 2');
    expect(text).toContain('queue_depth 7');
    expect(text).toContain('lag{partition="0"} 5');
    expect(text).toContain('lag{partition="1"} 0');
  });

  it('a sampled gauge whose read fails is empty for that scrape, and the others still render', async () => {
    const m = new Metrics({ defaultMetrics: false });
    m.sampledGauge('lag', 'Lag', ['partition'], async () => {
      throw new Error('broker down');
    });
    m.gauge('up', 'Up', () => 1);
    const text = await m.render();
    expect(text).not.toMatch(/^lag\{/m);
    expect(text).toContain('up 1');
  });

  it('two registries in one process keep their own series', async () => {
    const a = new Metrics();
    const b = new Metrics();
    a.inc('only_a_total', 'A');
    expect(await a.render()).toContain('only_a_total 1');
    expect(await b.render()).not.toContain('only_a_total');
    expect(await b.render()).toContain('nodejs_eventloop_lag_seconds');
  });
});
