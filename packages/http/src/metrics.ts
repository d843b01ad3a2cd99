import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, from a cached read (~1 ms) to a request that hits the 30 s timeout. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** One labelled value of a gauge read at scrape time. */
export interface Sample {
  labels: Record<string, string | number>;
  value: number;
}

/**
 * A process's Prometheus registry (prom-client), one per service instance so that several services
 * in one test process never share series. Besides what callers add it carries prom-client's default
 * process metrics: resident memory, heap, GC, and `nodejs_eventloop_lag_seconds`.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** Adds to a counter; the first call fixes its label names. */
  inc(name: string, help: string, labels: Record<string, string> = {}, by = 1): void {
    let c = this.counters.get(name);
    if (!c) {
      c = new Counter({ name, help, labelNames: Object.keys(labels), registers: [this.registry] });
      this.counters.set(name, c);
    }
    c.inc(labels, by);
  }

  /** Records one observation (seconds for latencies) in a histogram; the first call fixes its label names and buckets. */
  observe(name: string, help: string, labels: Record<string, string>, value: number, buckets: number[] = LATENCY_BUCKETS): void {
    let h = this.histograms.get(name);
    if (!h) {
      h = new Histogram({ name, help, labelNames: Object.keys(labels), buckets, registers: [this.registry] });
      this.histograms.set(name, h);
    }
    h.observe(labels, value);
  }

  /** A gauge read when scraped. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /**
   * A gauge with labels, all of its samples read (possibly asynchronously) when scraped — e.g. the
   * consumer lag of each partition. A read that fails leaves the gauge empty for that scrape.
   */
  sampledGauge(name: string, help: string, labelNames: string[], read: () => Promise<Sample[]> | Sample[]): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const samples = await Promise.resolve()
          .then(read)
          .catch(() => [] as Sample[]);
        for (const s of samples) this.set(s.labels, s.value);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
