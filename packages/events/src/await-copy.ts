/**
 * Read-your-writes across services. A service keeps copies of other services' aggregates, fed by
 * their events; a command may name one a moment after its owner changed it (the finance centre
 * certifies an enterprise that just registered, a bank disburses a match the enterprise just
 * accepted), before the event has reached the copy. The command then waits, bounded, for the copy
 * to catch up, instead of answering from a copy it knows may be behind.
 *
 * Polling the database, not this process's consumer, keeps it right when another replica of the
 * service consumed the event (replicas divide a topic's partitions between them).
 */
export interface AwaitCopyOptions<T> {
  /** How long to wait at most; then the last read is returned as it is. */
  timeoutMs: number;
  /** Whether a copy that exists is far enough along (default: any copy is). */
  ready?: (copy: T) => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Reads a copy, polling (20 ms doubling to 200 ms) until it exists and is `ready`, or `timeoutMs`
 * passed. Returns the last read (null when it never appeared): the caller decides what a copy that
 * is still behind means, with the same errors it gave before waiting.
 */
export async function awaitCopy<T>(
  read: () => Promise<T | null>,
  { timeoutMs, ready = () => true, sleep = realSleep, now = Date.now }: AwaitCopyOptions<T>,
): Promise<T | null> {
  const deadline = now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const copy = await read();
    if (copy !== null && ready(copy)) return copy;
    const left = deadline - now();
    if (left <= 0) return copy;
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, 200);
  }
}

/** Default bound of a command's wait for a copy (`*_COPY_WAIT_MS` in the services' config). */
export const DEFAULT_COPY_WAIT_MS = 5_000;
