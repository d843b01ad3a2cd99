import { documentLockKey, withDocumentLock, type EventPublisher } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import { LOANS_COLLECTION } from './models';
import type { LoanRepository } from './repository';

/**
 * The loans' outbox relay. The shared OutboxRelay removes published events with a $pullAll that
 * is safe against this process's writes (it takes the in-process document lock, as the loan use
 * cases do) but not against another replica's: on FerretDB such an overlap can silently undo the
 * other write (whole-document last-writer-wins). The loan service is meant to run in several
 * replicas (the maturity sweep is replica-safe), so this relay removes events through the same
 * per-(loan, version) claim as every loan write, which FerretDB's unique _id makes exclusive
 * across processes. Publish first, remove after: a crash or a lost claim publishes again, never
 * loses an event.
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
      // Under the document lock the loan use cases take (no claim contention with this process's
      // commands); the claim inside keeps other replicas' writes out. Not removed (another
      // replica holds or moved the version): they go out again next pass.
      const removed = await withDocumentLock(documentLockKey(LOANS_COLLECTION, d._id), () => this.repo.removeFromOutbox(d._id, d.version, d.outbox));
      if (removed?.modifiedCount !== 1) this.again = true;
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
