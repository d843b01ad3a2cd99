import type { EventEnvelope } from '@yinqi/contracts';
import { conflict } from '@yinqi/errors';
import type { Logger } from '@yinqi/logger';
import { awaitCaughtUp, caughtUp, messagesIn, retryUntilDone, type Offsets } from './catch-up';
import { Projection } from './projection';
import type { ConsumerPort, FactStorePort, OffsetsPort, RebuildResult, StartConsumer } from './read-model-ports';

/**
 * The monitor's read model: the in-memory projection (what the dashboard and exports read), its
 * stored copy (loaded at start, so a restart does not replay), and the consumer that keeps both
 * current. A rebuild empties both and replays every topic from the beginning in a new group.
 */
export class ReadModel {
  readonly projection = new Projection();
  readonly stats = { seen: 0, changed: 0, ignored: 0 };
  private consumer: ConsumerPort | undefined;
  private gen = 1;
  private rebuilding: Promise<RebuildResult> | undefined;
  /** During a rebuild's replay facts are held in memory only, then stored in bulk (see rebuild). */
  private memoryOnly = false;
  private flushing: Promise<void> | undefined;
  /** The outcome of the last rebuild (for callers that do not wait on it). */
  lastRebuild: RebuildResult | { error: string } | null = null;

  constructor(
    private readonly deps: {
      store: FactStorePort;
      startConsumer: StartConsumer;
      offsets: OffsetsPort;
      logger: Logger;
      rebuildTimeoutMs?: number;
    },
  ) {}

  get generation() {
    return this.gen;
  }

  get isRebuilding() {
    return this.rebuilding !== undefined;
  }

  /** Loads the stored facts, then consumes from where this generation's group left off. */
  async start(): Promise<void> {
    this.gen = await this.deps.store.generation();
    if (await this.deps.store.rebuildPending()) {
      // A rebuild was cut short before its facts were stored: run it again (in the background).
      this.deps.logger.warn({ generation: this.gen }, 'an unfinished rebuild found: rebuilding again');
      void this.rebuildUntilDone('rebuild');
      return;
    }
    const t0 = Date.now();
    let n = 0;
    for await (const c of this.deps.store.loadAll()) {
      this.projection.put(c);
      n += 1;
    }
    if (n === 0) {
      // Nothing stored yet (a new monitor, maybe onto topics that already hold events): build it the
      // fast way, like a rebuild, rather than one upsert per event.
      this.deps.logger.info({ generation: this.gen }, 'empty read model: building it from the beginning of every topic');
      void this.rebuildUntilDone('initial build');
      return;
    }
    this.deps.logger.info({ facts: n, generation: this.gen, ms: Date.now() - t0 }, 'read model loaded');
    this.consumer = await this.deps.startConsumer(this.gen, (e) => this.apply(e));
  }

  /**
   * A start-up (re)build in the background, retried: a monitor whose first build failed once would
   * otherwise never consume anything.
   */
  private rebuildUntilDone(label: string): Promise<void> {
    return retryUntilDone(() => this.rebuild(), label, this.deps.logger);
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  /** One event: the facts it changes are stored, then held in memory; old news changes nothing. */
  async apply(event: EventEnvelope): Promise<void> {
    if (this.flushing) await this.flushing.catch(() => undefined);
    this.stats.seen += 1;
    const changes = this.projection.decide(event);
    if (changes.length === 0) {
      this.stats.ignored += 1;
      return;
    }
    // Memory-only (a rebuild's replay): no await between the decision and the put.
    if (!this.memoryOnly) await this.deps.store.write(changes);
    for (const c of changes) this.projection.put(c);
    this.stats.changed += 1;
  }

  /** Whether this generation's group has committed every message that was in the topics at `ends`. */
  caughtUp(ends?: Offsets): Promise<boolean> {
    return caughtUp(this.deps.offsets, this.gen, ends);
  }

  /**
   * Resets the read model and replays every topic from the beginning with a fresh consumer group;
   * resolves once the new group has read what the topics held when it began. While it runs the
   * dashboard shows the numbers rebuilt so far.
   */
  rebuild(timeoutMs = this.deps.rebuildTimeoutMs ?? 600_000): Promise<RebuildResult> {
    if (this.rebuilding) throw conflict('A rebuild is already running');
    this.rebuilding = this.runRebuild(timeoutMs)
      .then(
        (r) => (this.lastRebuild = r),
        (err: Error) => {
          this.lastRebuild = { error: err.message };
          throw err;
        },
      )
      .finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async runRebuild(timeoutMs: number): Promise<RebuildResult> {
    const t0 = Date.now();
    await this.stop();
    // The generation first, marked unfinished: a crash before the facts are stored starts a rebuild again.
    const next = this.gen + 1;
    await this.deps.store.setGeneration(next, true);
    this.gen = next;
    await this.deps.store.clearAll();
    this.projection.clear();
    // Replay into memory only: one upsert per event is ~40 ms on FerretDB; the facts are inserted in bulk below.
    this.memoryOnly = true;
    this.stats.seen = this.stats.changed = this.stats.ignored = 0;
    const ends = await this.deps.offsets.ends();
    this.consumer = await this.deps.startConsumer(next, (e) => this.apply(e));
    await awaitCaughtUp(this.deps, ends, next, timeoutMs);
    // Store every fact while new events wait (apply awaits `flushing`), then back to write-through.
    this.flushing = (async () => {
      this.memoryOnly = false;
      await this.deps.store.insertAll(this.projection.facts());
      await this.deps.store.setGeneration(next, false);
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
    const result = { generation: next, events: messagesIn(ends), ms: Date.now() - t0, facts: this.projection.size() };
    this.deps.logger.info(result, 'read model rebuilt');
    return result;
  }
}
