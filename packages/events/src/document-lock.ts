/**
 * In-process mutual exclusion per document. FerretDB 1.24 runs an update as read, modify,
 * write without isolation, so two updates of one document at once can lose one. Within one
 * service process — where the use cases and the outbox relay both write aggregates — taking
 * this lock around every read-decide-write of a document removes that race. (Several replicas
 * on FerretDB would still race; on MongoDB updates are atomic and the lock only costs a tick.)
 */
const tails = new Map<string, Promise<void>>();

export const documentLockKey = (collection: string, id: string) => `${collection}/${id}`;

export async function withDocumentLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/**
 * Holds the locks of several documents at once, taken one after another in sorted order (so two
 * callers of this never wait for each other in a cycle; everything else holds one lock at a time).
 */
export async function withDocumentLocks<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const take = (i: number): Promise<T> => (i === sorted.length ? fn() : withDocumentLock(sorted[i]!, () => take(i + 1)));
  return take(0);
}
