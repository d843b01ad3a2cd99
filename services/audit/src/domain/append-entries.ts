import { AppError } from '@yinqi/errors';
import type { Logger } from '@yinqi/logger';
import { linkEntries } from './chain';
import type { AppendInput, AuditEntry } from './entry';

/** What the appender needs from storage (data/entry-store.ts). */
export interface ChainStore {
  tip(): Promise<{ seq: number; hash: string } | null>;
  insertChain(docs: AuditEntry[]): Promise<{ complete: boolean }>;
  byIds(ids: string[]): Promise<AuditEntry[]>;
  advanceHead(seq: number, hash: string): Promise<void>;
}

interface Waiting {
  input: AppendInput;
  resolve: (e: AuditEntry) => void;
  reject: (err: unknown) => void;
}

export interface AppenderOptions {
  store: ChainStore;
  logger: Logger;
  now?: () => Date;
  /** Entries linked and inserted in one write (FerretDB wedges on bulk writes of 100+). */
  maxBatch?: number;
  /** Rounds of "read the tip, insert after it" before a retriable CONFLICT. */
  maxRounds?: number;
}

/**
 * Appends to the one hash-chained sequence. Within a process appends are queued and written in
 * batches (group commit: whoever arrives while a write is in flight goes into the next one), so a
 * burst of audited mutations costs a few inserts, not one round of the race each. Across processes
 * (several audit replicas) the unique index on seq decides: each batch reads the tip, links its
 * entries after it and inserts them in order; a batch that lost the race re-reads and re-links
 * what did not go in. An entry whose id is already stored (a recorder's retry) is answered with the
 * stored one, never written twice.
 */
export class Appender {
  private readonly queue: Waiting[] = [];
  private running = false;
  private readonly now: () => Date;
  private readonly maxBatch: number;
  private readonly maxRounds: number;
  /** Batches whose first insert lost to another appender (a metric: contention between replicas). */
  lostRaces = 0;
  appended = 0;

  constructor(private readonly opts: AppenderOptions) {
    this.now = opts.now ?? (() => new Date());
    this.maxBatch = opts.maxBatch ?? 50;
    this.maxRounds = opts.maxRounds ?? 50;
  }

  append(inputs: AppendInput[]): Promise<AuditEntry[]> {
    const done = Promise.all(
      inputs.map((input) => new Promise<AuditEntry>((resolve, reject) => this.queue.push({ input, resolve, reject }))),
    );
    void this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch);
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    let pending = batch;
    for (let round = 0; round < this.maxRounds && pending.length > 0; round += 1) {
      const tip = await this.opts.store.tip();
      const at = this.now();
      const linked = linkEntries(
        pending.map((w) => ({ ...w.input, at })),
        tip,
      );
      const { complete } = await this.opts.store.insertChain(linked);
      let stored: Map<string, AuditEntry>;
      if (complete) stored = new Map(linked.map((e) => [e.id, e]));
      else {
        // What went in: the inserted prefix, and entries some earlier attempt already stored.
        stored = new Map((await this.opts.store.byIds(pending.map((w) => w.input.id))).map((e) => [e.id, e]));
        if (round === 0) this.lostRaces += 1;
      }
      const last = linked.filter((e) => stored.get(e.id)?.hash === e.hash).at(-1);
      if (last)
        await this.opts.store
          .advanceHead(last.seq, last.hash)
          .catch((err: unknown) => this.opts.logger.warn({ err }, 'audit head not advanced (verification catches up on the next append)'));
      const left: Waiting[] = [];
      for (const w of pending) {
        const e = stored.get(w.input.id);
        if (e) {
          this.appended += 1;
          w.resolve(e);
        } else left.push(w);
      }
      pending = left;
      if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.random() * 5 * (round + 1)));
    }
    if (pending.length > 0) throw new AppError('CONFLICT', 'audit trail busy: the append lost every race, try again', { retriable: true });
  }
}
