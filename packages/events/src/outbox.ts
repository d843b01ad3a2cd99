import type { EventEnvelope } from '@yinqi/contracts';
import type { Logger } from '@yinqi/logger';
import type { mongo } from 'mongoose';
import { documentLockKey, withDocumentLock } from './document-lock';
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
  /** How long a document must keep its version before its published events are removed. */
  cleanupDelayMs?: number;
  /**
   * How often a pass scans whole collections for documents with events. Between scans a pass reads
   * only the documents it was told about (`kick(id)`) and those whose published events await
   * removal, each by `_id`. A kick without an id asks for a scan.
   */
  scanIntervalMs?: number;
}

interface SentState {
  ids: Set<string>;
  version: unknown;
  /** When the document was last seen to change (or its events were published). */
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
  private scanDue = true;
  private lastScan = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.pollIntervalMs = opts.pollIntervalMs ?? 250;
    this.cleanupDelayMs = opts.cleanupDelayMs ?? 2_000;
    this.scanIntervalMs = opts.scanIntervalMs ?? 5_000;
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
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops polling and waits for the pass in flight, so nothing is left half-published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One pass scanning every collection (at start, on a kick without ids, and every
   * `scanIntervalMs`); returns how many events were published.
   *
   * Publishing and removal are split. Events are published as soon as they are seen and
   * remembered as sent; they are removed from their document only once the document has kept
   * the same version for `cleanupDelayMs`. Why: FerretDB 1.24 runs an update as read, modify,
   * write without isolation, so two updates of one document at the same moment can silently
   * lose one of them (measured: a third of concurrent pairs). Removing right after publishing
   * would race with the service's next write to that aggregate — the usual moment for one —
   * and could lose that write. Waiting for a quiet document makes the overlap unlikely; it does
   * not make it impossible (see README "Known limits"). On MongoDB the updates are atomic.
   */
  async relayOnce(): Promise<number> {
    this.scanDue = false;
    this.lastScan = Date.now();
    this.hinted.clear();
    let total = 0;
    for (const [ci, coll] of this.opts.collections.entries()) {
      let after: string | undefined;
      for (;;) {
        const pending = { 'outbox.0': { $exists: true } };
        const docs = await coll
          .find(after === undefined ? pending : { ...pending, _id: { $gt: after } }, { projection: { outbox: 1, version: 1 }, sort: { _id: 1 }, limit: this.batchSize })
          .toArray();
        if (docs.length === 0) break;
        after = docs[docs.length - 1]!._id;
        total += await this.handle(ci, coll, docs);
        if (docs.length < this.batchSize) break;
      }
    }
    this.published += total;
    return total;
  }

  /**
   * A pass without a scan: the documents named by `kick(id)` since the last pass (looked up in
   * every collection) and those whose published events wait for removal, each read by `_id`.
   */
  async relayHinted(): Promise<number> {
    const hinted = [...this.hinted];
    this.hinted.clear();
    let total = 0;
    for (const [ci, coll] of this.opts.collections.entries()) {
      const ids = new Set(hinted);
      for (const key of this.sent.keys()) if (key.startsWith(`${ci}:`)) ids.add(key.slice(String(ci).length + 1));
      const all = [...ids];
      for (let i = 0; i < all.length; i += this.batchSize) {
        const found = await Promise.all(all.slice(i, i + this.batchSize).map((id) => coll.findOne({ _id: id } as never, { projection: { outbox: 1, version: 1 } })));
        const docs = found.filter((d): d is NonNullable<typeof d> => d !== null);
        for (const key of all.slice(i, i + this.batchSize)) if (!found.some((d) => d?._id === key)) this.sent.delete(`${ci}:${key}`);
        total += await this.handle(ci, coll, docs);
      }
    }
    this.published += total;
    return total;
  }

  /** Publishes the unseen events of these documents and removes the published ones from quiet documents. */
  private async handle(ci: number, coll: mongo.Collection<OutboxDocument>, docs: OutboxDocument[]): Promise<number> {
    const now = Date.now();
    const fresh: EventEnvelope[] = [];
    const marks: [string, SentState][] = [];
    const quiet: OutboxDocument[] = [];
    for (const d of docs) {
      const key = `${ci}:${d._id}`;
      const outbox = d.outbox ?? [];
      const version = (d as { version?: unknown }).version;
      const state = this.sent.get(key);
      const unsent = outbox.filter((e) => !state?.ids.has(e.id));
      if (unsent.length > 0) {
        fresh.push(...unsent);
        marks.push([key, { ids: new Set([...(state?.ids ?? []), ...unsent.map((e) => e.id)]), version, since: now }]);
      } else if (state && state.version !== version) {
        state.version = version;
        state.since = now;
      } else if (state && now - state.since >= this.cleanupDelayMs) {
        quiet.push(d);
      }
    }
    if (fresh.length > 0) {
      await this.opts.publisher.publish(fresh);
      for (const [key, state] of marks) this.sent.set(key, state);
    }
    // Each removal re-reads its document under the in-process document lock, so it never
    // overlaps a write of this service to the same aggregate (see document-lock.ts).
    for (const d of quiet) {
      const key = `${ci}:${d._id}`;
      await withDocumentLock(documentLockKey(coll.collectionName, d._id), async () => {
        const now2 = await coll.findOne({ _id: d._id } as never, { projection: { outbox: 1, version: 1 } });
        const state = this.sent.get(key);
        if (!now2 || !state || (now2 as { version?: unknown }).version !== state.version) return;
        const published = (now2.outbox ?? []).filter((e) => state.ids.has(e.id));
        // $pullAll with the documents exactly as read: FerretDB ignores $pull conditions
        // ({id: {$in: …}}) silently, while exact-value removal works on both it and MongoDB.
        if (published.length > 0) await coll.updateOne({ _id: d._id } as never, { $pullAll: { outbox: published } } as never);
        this.sent.delete(key);
      });
    }
    return fresh.length;
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
    try {
      if (this.scanDue || Date.now() - this.lastScan >= this.scanIntervalMs) await this.relayOnce();
      else await this.relayHinted();
      this.failures = 0;
    } catch (err) {
      this.failures = Math.min(this.failures + 1, 6);
      this.scanDue = true; // hints taken by the failed pass are gone: the next pass looks everywhere
      this.opts.logger.warn({ err: (err as Error).message }, 'outbox relay pass failed; events stay on their documents and will be retried');
    }
  }
}
