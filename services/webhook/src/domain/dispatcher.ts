import type { Logger } from '@yinqi/logger';
import type { Hook, WebhookRepository } from './ports';
import type { DeliveryRecord } from './records';
import { attemptDelivery, type DispatchStats } from './attempt-delivery';
import { firstOfEachAggregate } from './delivery-order';
import type { RetrySchedule } from './retry-schedule';
import type { SecretBox } from './signing';
import type { Resolve, UrlPolicy } from './url-policy';

export interface DispatcherOptions {
  repo: WebhookRepository;
  box: SecretBox;
  policy: UrlPolicy;
  schedule: RetrySchedule;
  logger: Logger;
  /** This replica's name in leases. */
  owner: string;
  /** How often to look for due deliveries when nothing woke the dispatcher. */
  pollMs: number;
  /** Attempts in flight at once in this process. */
  concurrency: number;
  resolve?: Resolve;
  now?: () => Date;
}

/**
 * Sends due deliveries. Every replica runs one; they share the work through the store: a delivery
 * is claimed with a conditional update that sets a lease (so one replica sends it), and a replica
 * that dies mid-attempt leaves a lease that runs out, after which another takes the delivery over
 * (at least once). A delivery waits while an earlier event of its aggregate to the same webhook is
 * pending, so each match's (loan's, request's) events arrive in order.
 */
export class Dispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  private readonly inflight = new Map<string, Promise<void>>();
  readonly stats: DispatchStats = { delivered: 0, failedAttempts: 0, failed: 0 };
  private readonly now: () => Date;

  constructor(private readonly o: DispatcherOptions) {
    this.now = o.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Look again now (a delivery was recorded, a webhook re-activated, a redelivery asked for). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Stops taking work and waits for attempts in flight (their leases would hand them over otherwise). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inflight.values()]);
  }

  private async run(): Promise<void> {
    let lastPass = 0;
    while (this.running) {
      // Kicks come with every recorded delivery and every finished attempt; a pass reads the
      // collection twice, so back-to-back kicks share one pass per short gap instead of one each.
      const gap = Math.min(100, this.o.pollMs) - (Date.now() - lastPass);
      if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      lastPass = Date.now();
      this.kicked = false;
      let found = 0;
      try {
        found = await this.pass();
      } catch (err) {
        this.o.logger.warn({ err }, 'webhook dispatch pass failed; trying again');
      }
      if (!this.running) break;
      // Full pass with room left: look again at once; else sleep until kicked, an attempt ends, or the poll interval.
      if (found > 0 && this.inflight.size < this.o.concurrency) continue;
      if (this.kicked) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.o.pollMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /**
   * The fast path for deliveries this process just recorded: tries them at once, without waiting
   * for a pass to find them (a pass costs two queries on the whole collection). Whatever it cannot
   * take now (no room, an earlier event still pending, another replica's claim, an inactive
   * webhook) stays PENDING in the store for the next pass.
   */
  offer(deliveries: DeliveryRecord[], hooks: Hook[]): void {
    const byId = new Map(hooks.map((h) => [h._id, h]));
    void (async () => {
      for (const d of deliveries) {
        const hook = byId.get(d.webhookId);
        if (!this.running || !hook || this.inflight.size >= this.o.concurrency || this.inflight.has(d._id)) continue;
        await this.tryStart(d, hook, this.now());
      }
    })().catch((err: unknown) => this.o.logger.warn({ err }, 'webhook fast path failed; the next pass takes over'));
  }

  /** Claims one due delivery (after the order check) and starts its attempt; false when it could not. */
  private async tryStart(d: DeliveryRecord, hook: Hook, now: Date): Promise<boolean> {
    // Versions start at 1: an aggregate's first event has nothing before it to wait for (one query saved on the commonest delivery, a new match).
    if (!d.manual && d.seq > 1 && (await this.o.repo.earlierPending(d))) return false;
    const leaseUntil = new Date(now.getTime() + this.o.schedule.timeoutMs + 15_000);
    const claimed = await this.o.repo.claim(d._id, this.o.owner, this.now(), leaseUntil);
    if (!claimed) return false;
    const p = attemptDelivery({ ...this.o, now: this.now }, this.stats, claimed, hook)
      .catch((err: unknown) => this.o.logger.error({ err, deliveryId: d._id }, 'webhook attempt could not be recorded'))
      .finally(() => {
        this.inflight.delete(d._id);
        this.kick();
      });
    this.inflight.set(d._id, p);
    return true;
  }

  /** One look at what is due; starts attempts for what it could claim. Returns how many it started. */
  private async pass(): Promise<number> {
    const room = this.o.concurrency - this.inflight.size;
    if (room <= 0) return 0;
    const hooks = new Map((await this.o.repo.activeWebhooks()).map((h) => [h._id, h]));
    if (hooks.size === 0) return 0;
    const now = this.now();
    const due = await this.o.repo.due([...hooks.keys()], now, Math.max(room * 2, 20));
    const candidates = firstOfEachAggregate(due.filter((d) => !this.inflight.has(d._id)));
    let started = 0;
    for (const d of candidates) {
      if (started >= room || !this.running) break;
      if (this.inflight.has(d._id)) continue;
      if (await this.tryStart(d, hooks.get(d.webhookId)!, now)) started += 1;
    }
    return started;
  }
}
