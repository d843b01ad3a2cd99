import type { Hook, WebhookRepository } from './ports';
import type { DeliveryRecord } from './records';
import { nextAttemptAt, type RetrySchedule } from './retry-schedule';
import { send } from './send-delivery';
import type { SecretBox } from './signing';
import { checkWebhookUrl, type Resolve, type UrlPolicy } from './url-policy';

/** What the dispatcher counts, for its metrics. */
export interface DispatchStats {
  delivered: number;
  failedAttempts: number;
  failed: number;
}

export interface AttemptDeps {
  repo: WebhookRepository;
  box: SecretBox;
  policy: UrlPolicy;
  schedule: RetrySchedule;
  /** The replica holding the lease; only its outcome is recorded. */
  owner: string;
  resolve?: Resolve;
  now: () => Date;
}

/** One attempt of a claimed delivery: check the URL, send, and record the outcome (delivered, a retry, or failed for good). */
export async function attemptDelivery(o: AttemptDeps, stats: DispatchStats, d: DeliveryRecord, hook: Hook): Promise<void> {
  const started = o.now();
  const firstAttemptAt = d.firstAttemptAt ?? started;
  let status: number | null = null;
  let error: string | null = null;
  try {
    // Checked at every attempt, after DNS resolution; the connection goes to the checked address.
    const target = await checkWebhookUrl(hook.url, o.policy, o.resolve);
    status = await send(target, d, o.box.open(hook.secretSealed), o.schedule.timeoutMs);
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (err) {
    error = (err as Error).message.slice(0, 500);
  }
  const at = o.now();
  if (error === null) {
    await o.repo.finish(d._id, o.owner, {
      status: 'DELIVERED',
      lastStatusCode: status,
      lastError: null,
      deliveredAt: at,
      nextAttemptAt: null,
      firstAttemptAt,
    });
    stats.delivered += 1;
    return;
  }
  stats.failedAttempts += 1;
  const next = nextAttemptAt(o.schedule, firstAttemptAt, d.attempts + 1, at);
  if (!next) stats.failed += 1;
  await o.repo.finish(
    d._id,
    o.owner,
    next
      ? { lastStatusCode: status, lastError: error, nextAttemptAt: next, firstAttemptAt }
      : { status: 'FAILED', lastStatusCode: status, lastError: error, nextAttemptAt: null, firstAttemptAt },
  );
}
