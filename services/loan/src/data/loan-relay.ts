import type { EventPublisher } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { LoanRepository } from './repository';

/**
 * The loans' outbox relay. The shared OutboxRelay removes published events with an unconditional
 * $pullAll, which on FerretDB can silently undo a concurrent write to the same loan (whole-document
 * last-writer-wins); this one removes them through the same per-version claim as every loan write.
 * Publish first, remove after: a crash or a lost claim publishes again, never loses an event.
 */
export class LoanOutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  published = 0;

  constructor(
    private readonly repo: LoanRepository,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 250,
    private readonly batchSize = 50,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async relayOnce(): Promise<number> {
    const docs = await this.repo.pendingOutbox(this.batchSize);
    let total = 0;
    for (const d of docs) {
      await this.publisher.publish(d.outbox);
      total += d.outbox.length;
      // Not removed (a writer holds or moved the version): they go out again next pass.
      if ((await this.repo.removeFromOutbox(d._id, d.version, d.outbox))?.modifiedCount !== 1) this.again = true;
    }
    this.published += total;
    return total;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.relayOnce()
        .then(() => undefined)
        .catch((err: Error) => this.logger.warn({ err: err.message }, 'loan outbox relay pass failed; events stay on their loans'))
        .finally(() => {
          this.running = undefined;
          const now = this.again;
          this.again = false;
          this.schedule(now ? 20 : this.pollIntervalMs);
        });
    }, delay);
  }
}
