import type { Logger } from '@yinqi/logger';
import type { OffsetsPort } from './read-model-ports';

/** Where every partition of the monitor's topics ended at one moment. */
export type Offsets = Awaited<ReturnType<OffsetsPort['ends']>>;

/** Whether the group of `generation` has committed every message that was in the topics at `ends` (now, without it). */
export async function caughtUp(offsets: OffsetsPort, generation: number, ends?: Offsets): Promise<boolean> {
  const target = ends ?? (await offsets.ends());
  const committed = await offsets.committed(generation);
  return target.every((e) => e.high <= e.low || (committed.get(`${e.topic}:${e.partition}`) ?? -1) >= e.high);
}

/** Polls until the group of `generation` has read what the topics held at `ends`; throws past the timeout. */
export async function awaitCaughtUp(
  deps: { offsets: OffsetsPort; logger: Logger },
  ends: Offsets,
  generation: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await caughtUp(deps.offsets, generation, ends))) {
    if (Date.now() > deadline) {
      deps.logger.error({ generation, timeoutMs }, 'rebuild did not catch up in time');
      throw new Error(`rebuild did not catch up within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Messages in the topics at `ends`: what a new group has to read. */
export const messagesIn = (ends: Offsets) => ends.reduce((n, e) => n + Math.max(0, e.high - e.low), 0);

/**
 * Runs `task` until it succeeds, backing off up to 10 s between attempts: on a broker that has just
 * started, listing offsets can fail for a while ("not the leader for that topic-partition").
 */
export async function retryUntilDone(task: () => Promise<unknown>, label: string, logger: Logger, attempts = 30): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await task();
      return;
    } catch (err) {
      logger.warn({ err: (err as Error).message, attempt }, `${label} failed: retrying`);
      await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 10_000)).unref());
    }
  }
  logger.error({ attempts }, `${label} failed every time: the dashboard stays empty until POST /admin/rebuild`);
}
