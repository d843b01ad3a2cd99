import type { EventEnvelope } from '@yinqi/contracts';
import type { Logger } from '@yinqi/logger';
import type { mongo } from 'mongoose';
import { documentLockKey, withDocumentLocks } from './document-lock';
import type { EventPublisher } from './publisher';

/** A document that carries the events reporting its latest changes until the relay publishes them. */
export interface OutboxDocument {
  _id: string;
  outbox?: EventEnvelope[];
}

export interface OutboxRelayOptions {
  /** Native collections whose documents carry an `outbox` array. */
  collections: mongo.Collection<OutboxDocument>[];
  publisher: EventPublisher;
  logger: Logger;
  /** How often to look for unpublished events when nobody kicks the relay. */
  pollIntervalMs?: number;
  /** How many documents one pass reads from each collection. */
  batchSize?: number;
  /** How long after a document's last publish its published events are removed (bursts share one removal). */
  cleanupDelayMs?: number;
  /**
   * How often a pass scans whole collections for documents with events. Between scans a pass reads
   * only the documents it was told about (`kick(id)`) and those whose published events await
   * removal, each by `_id`. A kick without an id asks for a scan.
   */
  scanIntervalMs?: number;
  /** Told of every batch just published (for the publish-delay histogram in /metrics). */
  onPublished?: (events: readonly EventEnvelope[]) => void;
}

/** What the relay knows of its own backlog, for /metrics. */
export interface OutboxRelayStats {
  /** Documents written (kicked or handed over) whose events this relay has not published yet. */
  pendingDocuments: number;
  /** Seconds since the oldest of those writes was announced; 0 when nothing waits. */
  oldestPendingSeconds: number;
  /** Documents whose events are published and await removal from the document. */
  awaitingRemoval: number;
  /** Passes failed in a row (0 when the last one succeeded). */
  consecutiveFailures: number;
  /** Events published since start. */
  published: number;
}

/** Documents a scan's cursor fetches per round trip. */
const SCAN_BATCH = 1_000;

interface SentState {
  ids: Set<string>;
  /** The published events exactly as read from the document: what `$pullAll` removes. */
  events: EventEnvelope[];
  /** When the last of them was published. */
  since: number;
}

/**
 * Publishes the events stored on aggregates (written in the same single-document write as the
 * change they report) and then removes exactly those events from the document. A crash between
 * publish and removal means the events are published again: consumers are idempotent by
 * aggregate version, so that delays nothing and doubles nothing. A crash before publish loses
 * nothing: the events are still on the document.
 */
export class OutboxRelay {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failures = 0;
  /** Published-event counter for /metrics. */
  published = 0;
  private readonly cleanupDelayMs: number;
  /** Events published but still on their document, by collection index and document id. */
  private readonly sent = new Map<string, SentState>();
  private readonly scanIntervalMs: number;
  /** Documents written since the last pass, as told by `kick(id)`. */
  private readonly hinted = new Set<string>();
  /** Newly inserted documents handed over whole (`inserted`), by collection index: published without a read. */
  private readonly given = new Map<number, OutboxDocument[]>();
  /** The periodic scan in flight (see startScan). */
  private scanning: Promise<void> | undefined;
  /** The removal of published events in flight (see startRemoval). */
  private removing: Promise<void> | undefined;
  private scanDue = true;
  private lastScan = 0;
  /** When the oldest write not yet relayed was announced (kick or inserted); undefined when none waits. */
  private pendingSince: number | undefined;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.pollIntervalMs = opts.pollIntervalMs ?? 250;
    this.cleanupDelayMs = opts.cleanupDelayMs ?? 2_000;
    this.scanIntervalMs = opts.scanIntervalMs ?? 300_000;
    // Under 100: FerretDB 1.24 holds one pooled SQLite connection (of 100) per statement of an
    // update command, so a bulkWrite of 100+ statements never returns and wedges the server.
    this.batchSize = Math.min(opts.batchSize ?? 50, 90);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Ask for a pass now (call after a write that added events): keeps latency low without busy
   * polling. With the written documents' ids the pass reads just those by `_id`; without, it scans
   * every collection. Why it matters: FerretDB 1.24 serves only a bare `{_id}` filter from an index,
   * so a scan reads the whole collection — at four passes a second that was most of the database's
   * work once collections held thousands of documents (README "Known limits").
   */
  kick(ids?: string | readonly string[]): void {
    if (this.stopped) return;
    if (ids === undefined) this.scanDue = true;
    else for (const id of typeof ids === 'string' ? [ids] : ids) this.hinted.add(id);
    this.pendingSince ??= Date.now();
    this.wake();
  }

  /** A pass now, or right after the one running. */
  private wake(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /**
   * Hands over documents just inserted into `collection`, outbox and all, so the next pass
   * publishes their events without reading them back (the matching service inserts ~27 matches
   * per demand; reading each back was most of the relay's database work). Only for inserts: the
   * outbox given must be the document's whole outbox, exactly as stored.
   */
  inserted(collection: string, docs: readonly OutboxDocument[]): void {
    if (this.stopped || docs.length === 0) return;
    const ci = this.opts.collections.findIndex((c) => c.collectionName === collection);
    if (ci < 0) {
      this.kick(docs.map((d) => d._id));
      return;
    }
    const list = this.given.get(ci) ?? [];
    list.push(...docs.map((d) => ({ _id: d._id, outbox: d.outbox ?? [] })));
    this.given.set(ci, list);
    this.pendingSince ??= Date.now();
    this.wake();
  }

  /** The relay's backlog as it knows it (documents found only by the periodic scan are not counted). */
  get stats(): OutboxRelayStats {
    let given = 0;
    for (const docs of this.given.values()) given += docs.length;
    return {
      pendingDocuments: this.hinted.size + given,
      oldestPendingSeconds: this.pendingSince === undefined ? 0 : (Date.now() - this.pendingSince) / 1000,
      awaitingRemoval: this.sent.size,
      consecutiveFailures: this.failures,
      published: this.published,
    };
  }

  /** Stops polling and waits for the pass in flight, so nothing is left half-published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await this.scanning;
    await this.removing;
  }

  /**
   * One pass scanning every collection (at start, on a kick without ids, and every
   * `scanIntervalMs`); returns how many events were published.
   *
   * Publishing and removal are split. Events are published as soon as they are seen and
   * remembered as sent; they are removed from their document `cleanupDelayMs` after the
   * document's last publish (`removeDue`), under the document lock. Why the lock: FerretDB 1.24
   * runs an update as read, modify, write without isolation, so two updates of one document at
   * the same moment can silently lose one of them (measured: a third of concurrent pairs); every
   * write of a service to its aggregates holds the same in-process lock. Why the delay: the
   * service's next write to an aggregate usually follows soon, and its events then leave with
   * the same removal. On MongoDB the updates are atomic anyway.
   */
  async relayOnce(): Promise<number> {
    this.scanDue = false;
    this.lastScan = Date.now();
    this.hinted.clear();
    this.given.clear(); // the scan reads them
    const total = await this.scanAll();
    this.startRemoval();
    return total;
  }

  /** Every collection's documents with events, streamed; publishes what this relay has not published yet. */
  private async scanAll(): Promise<number> {
    let total = 0;
    for (const [ci, coll] of this.opts.collections.entries()) {
      // One pass over the collection, streamed: the filter is never indexed on FerretDB, so a
      // paginated scan (`_id > last`, sorted, limited) read the whole collection once per page — with
      // thousands of published events awaiting removal under load, a scan took 40 s and held up
      // every publish behind it. Documents are handled `batchSize` at a time as they arrive.
      const cursor = coll.find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 }, batchSize: SCAN_BATCH });
      try {
        let chunk: OutboxDocument[] = [];
        for await (const d of cursor) {
          chunk.push(d);
          if (chunk.length >= this.batchSize) {
            total += await this.handle(ci, chunk);
            chunk = [];
          }
        }
        if (chunk.length > 0) total += await this.handle(ci, chunk);
      } finally {
        await cursor.close();
      }
    }
    this.published += total;
    return total;
  }

  /**
   * The periodic safety-net scan, in the background: on FerretDB a scan of a large collection
   * takes seconds (the matching service's matches: 4–8 s at 15,000 documents), and run inside a
   * pass it held up every publish behind it (a p99 of 5.9 s at 2 demands a second). Passes
   * go on meanwhile; an event both find is published twice, which consumers ignore by version.
   */
  private startScan(): void {
    if (this.scanning) return;
    this.lastScan = Date.now();
    this.scanning = this.scanAll()
      .then(() => this.startRemoval())
      .catch((err: unknown) => {
        this.scanDue = true;
        this.opts.logger.warn({ err: (err as Error).message }, 'outbox relay scan failed; the next pass scans again');
      })
      .finally(() => {
        this.scanning = undefined;
      });
  }

  /**
   * A pass without a scan: the documents named by `kick(id)` since the last pass, looked up by
   * `_id` in every collection. Published events are then removed where due (`removeDue`), without
   * reading their documents again.
   */
  async relayHinted(): Promise<number> {
    const hinted = [...this.hinted];
    this.hinted.clear();
    let total = 0;
    const given = [...this.given];
    this.given.clear();
    for (const [ci, docs] of given)
      for (let i = 0; i < docs.length; i += this.batchSize) total += await this.handle(ci, docs.slice(i, i + this.batchSize));
    if (hinted.length > 0) {
      for (const [ci, coll] of this.opts.collections.entries()) {
        for (let i = 0; i < hinted.length; i += this.batchSize) {
          const chunk = hinted.slice(i, i + this.batchSize);
          const found = await Promise.all(chunk.map((id) => coll.findOne({ _id: id } as never, { projection: { outbox: 1 } })));
          total += await this.handle(
            ci,
            found.filter((d): d is NonNullable<typeof d> => d !== null),
          );
        }
      }
    }
    this.published += total;
    this.startRemoval();
    return total;
  }

  /**
   * Runs `removeDue` in the background, one at a time: removals cost the database an update per
   * document (~9 ms each for a match on FerretDB), and awaited inside a pass they held up the
   * next publish. A failed removal leaves its entries for the next one.
   */
  private startRemoval(): void {
    if (this.removing) return;
    this.removing = this.removeDue()
      .catch((err: unknown) =>
        this.opts.logger.warn({ err: (err as Error).message }, 'outbox relay: removing published events failed; retried later'),
      )
      .finally(() => {
        this.removing = undefined;
      });
  }

  /** Publishes the events of these documents that this relay has not published yet. */
  private async handle(ci: number, docs: OutboxDocument[]): Promise<number> {
    const now = Date.now();
    const fresh: EventEnvelope[] = [];
    const marks: [string, EventEnvelope[]][] = [];
    for (const d of docs) {
      const key = `${ci}:${d._id}`;
      const state = this.sent.get(key);
      const unsent = (d.outbox ?? []).filter((e) => !state?.ids.has(e.id));
      if (unsent.length > 0) {
        fresh.push(...unsent);
        marks.push([key, unsent]);
      }
    }
    if (fresh.length > 0) {
      await this.opts.publisher.publish(fresh);
      this.opts.onPublished?.(fresh);
      for (const [key, events] of marks) {
        const state = this.sent.get(key) ?? { ids: new Set<string>(), events: [], since: now };
        for (const e of events) state.ids.add(e.id);
        state.events.push(...events);
        state.since = now;
        this.sent.set(key, state);
      }
    }
    return fresh.length;
  }

  /**
   * Removes published events from their documents once `cleanupDelayMs` has passed since the
   * document's last publish (so a burst of writes to one aggregate costs one removal): per
   * collection, up to `batchSize` documents at a time, all under their document locks (held
   * together, so no write of this service to them can interleave — see document-lock.ts), in
   * one `bulkWrite` of `$pullAll`s with the events exactly as they were read. No re-read is
   * needed: `$pullAll` removes only those values, whatever else was written since. (FerretDB
   * ignores `$pull` conditions such as `{id: {$in: …}}` silently; exact-value removal works on
   * it and on MongoDB.) Before, each removal re-read its document and updated it on its own — at
   * 10 demands a second the matching service writes ~270 matches a second, and those round trips
   * held up the next publish.
   */
  private async removeDue(): Promise<void> {
    const now = Date.now();
    for (const [ci, coll] of this.opts.collections.entries()) {
      const prefix = `${ci}:`;
      const due: [string, SentState][] = [];
      for (const [key, state] of this.sent) if (key.startsWith(prefix) && now - state.since >= this.cleanupDelayMs) due.push([key, state]);
      for (let i = 0; i < due.length && !this.stopped; i += this.batchSize) {
        const chunk = due.slice(i, i + this.batchSize);
        const ids = chunk.map(([key]) => key.slice(prefix.length));
        const taken = chunk.map(([, state]) => state.events.length);
        await withDocumentLocks(
          ids.map((id) => documentLockKey(coll.collectionName, id)),
          async () => {
            const ops = chunk.map(([, state], j) => ({
              updateOne: { filter: { _id: ids[j] } as never, update: { $pullAll: { outbox: state.events.slice(0, taken[j]) } } as never },
            }));
            await coll.bulkWrite(ops, { ordered: false });
          },
        );
        // Events published while the removal ran (a pass runs alongside) wait for the next one.
        chunk.forEach(([key, state], j) => {
          if (state.events.length > taken[j]!) state.events = state.events.slice(taken[j]);
          else if (this.sent.get(key) === state) this.sent.delete(key);
        });
      }
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else {
          this.schedule(this.failures > 0 ? Math.min(this.pollIntervalMs * 2 ** this.failures, 10_000) : this.pollIntervalMs);
        }
      });
    }, delay);
  }

  private async pass(): Promise<void> {
    const startedAt = Date.now();
    try {
      if (this.scanDue) await this.relayOnce();
      else {
        if (Date.now() - this.lastScan >= this.scanIntervalMs) this.startScan();
        await this.relayHinted();
      }
      this.failures = 0;
      // Writes announced while this pass ran wait for the next one, and keep their age.
      if (this.hinted.size === 0 && this.given.size === 0) this.pendingSince = undefined;
      else if (this.pendingSince !== undefined && this.pendingSince < startedAt) this.pendingSince = startedAt;
    } catch (err) {
      this.failures = Math.min(this.failures + 1, 6);
      this.scanDue = true; // hints taken by the failed pass are gone: the next pass looks everywhere
      this.opts.logger.warn(
        { err: (err as Error).message },
        'outbox relay pass failed; events stay on their documents and will be retried',
      );
    }
  }
}
