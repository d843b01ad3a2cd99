import type { Enterprise } from '../data/repository';

export interface WaitOptions {
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Reads an enterprise, polling (20 ms doubling to 200 ms) until it appears or `timeoutMs` passed.
 * Polling the database rather than waiting on this process's consumer keeps it right when another
 * replica consumed the registration event.
 */
export async function awaitEnterprise(
  find: (id: string) => Promise<Enterprise | null>,
  id: string,
  { timeoutMs, sleep = realSleep, now = Date.now }: WaitOptions,
): Promise<Enterprise | null> {
  const deadline = now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const found = await find(id);
    if (found) return found;
    const left = deadline - now();
    if (left <= 0) return null;
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, 200);
  }
}
