import type { Logger } from '@yinqi/logger';
import { AppError } from '@yinqi/errors';
import type { AuditClient, AuditRecord } from './clients/audit-client';

export interface AuditRecorderOptions {
  client: AuditClient;
  ingestKey: string;
  logger: Logger;
  /** How long one record may take, retries included, before it is spooled. */
  timeoutMs: number;
  /** At most this many entries wait in memory while the audit service is unreachable. */
  spoolMax: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends entries to the audit service, synchronously: a mutation's answer waits for its entry, so
 * the entry is visible once the mutation returned (API-CONTRACT-ACCOUNTS.md).
 *
 * When the audit service cannot be reached, the mutation it records has already happened
 * downstream. Then the entry is kept (a bounded in-memory spool, re-sent every second in order,
 * each with its own id so a re-send is never doubled) and the recorder is "closed": every further
 * audited mutation is refused before it runs (`gate()`), until the spool is empty again. So at most
 * the mutations in flight when the outage began happen without a visible entry, and those entries
 * arrive late rather than never — unless this gateway process dies meanwhile (logged at error
 * level with each entry, so the log still holds them).
 */
export class AuditRecorder {
  private readonly spool: AuditRecord[] = [];
  private flushing: NodeJS.Timeout | undefined;
  /** Entries recorded, spooled, and dropped because the spool was full (metrics). */
  readonly stats = { recorded: 0, spooled: 0, dropped: 0 };

  constructor(private readonly opts: AuditRecorderOptions) {}

  /** Whether audited mutations are refused now (the audit service was unreachable and entries wait). */
  get closed(): boolean {
    return this.spool.length > 0;
  }

  /** Throws before an audited mutation runs while its entry could not be recorded. */
  gate(): void {
    if (this.closed)
      throw new AppError('INTERNAL_SERVER_ERROR', 'The audit trail is unavailable; audited operations are paused. Try again shortly.', {
        retriable: true,
      });
  }

  async record(entry: AuditRecord): Promise<void> {
    if (this.closed) return this.enqueue(entry);
    const deadline = Date.now() + this.opts.timeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.opts.client.append(this.opts.ingestKey, [entry]);
        this.stats.recorded += 1;
        return;
      } catch (err) {
        const retriable = !(err instanceof AppError) || err.retriable || err.code === 'INTERNAL_SERVER_ERROR';
        if (!retriable) {
          // Refused for good (a malformed entry, a wrong ingest key): a bug or a misconfiguration,
          // not an outage. Spooling it would pause audited operations forever.
          this.stats.dropped += 1;
          this.opts.logger.error({ err, auditEntry: entry }, 'audit entry refused by the audit service (it is in this log line)');
          return;
        }
        const wait = 50 * 2 ** attempt;
        if (Date.now() + wait >= deadline) {
          this.opts.logger.error(
            { err, auditEntry: entry },
            'audit entry not recorded yet: spooled; audited operations are paused until it is',
          );
          return this.enqueue(entry);
        }
        await sleep(wait);
      }
    }
  }

  private enqueue(entry: AuditRecord): void {
    if (this.spool.length >= this.opts.spoolMax) {
      this.stats.dropped += 1;
      this.opts.logger.error({ auditEntry: entry }, 'audit spool full: entry dropped (it is in this log line)');
      return;
    }
    this.spool.push(entry);
    this.stats.spooled += 1;
    this.flushing ??= setInterval(() => void this.flush(), 1_000);
    this.flushing.unref();
  }

  private busy = false;

  private async flush(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.spool.length > 0) {
        const batch = this.spool.slice(0, 50);
        await this.opts.client.append(this.opts.ingestKey, batch);
        this.spool.splice(0, batch.length);
        this.stats.recorded += batch.length;
      }
      clearInterval(this.flushing);
      this.flushing = undefined;
      this.opts.logger.info('audit spool delivered: audited operations resume');
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message, waiting: this.spool.length }, 'audit service still unreachable');
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    clearInterval(this.flushing);
    if (this.spool.length) this.opts.logger.error({ auditEntries: this.spool }, 'stopping with audit entries not delivered');
  }
}
