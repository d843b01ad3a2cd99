import { isDuplicateKeyError, mongoose } from '@yinqi/db';
import type { LoginThrottleStore, ThrottleRule } from '../domain/ports';
import type { IdentityModels, LoginThrottleRecord } from './models';

/**
 * Failed-login counters in the database, so every identity replica counts the same failures.
 * Each step is one single-document atomic operation (FerretDB keeps that promise across processes;
 * tests/store proves it): a failure increments inside its window or starts a new one, and the
 * failure that reaches the limit sets the lock. A counter the platform no longer needs is swept
 * (`expiresAt`), so guessing with random emails does not grow the collection without bound.
 *
 * Written here rather than with rate-limiter-flexible's RateLimiterMongo: that store counts with
 * findAndModify upserts ($setOnInsert + $inc under an $or filter, retried on E11000) and cleans up
 * with a TTL index — shapes nothing else here uses on the local FerretDB and that we did not probe
 * there (FerretDB already refuses some findAndModify options: see IdentityRepository.updateUser).
 * The operations below are plain conditional updates and inserts, the ones tests/store proves.
 */
export function loginThrottleStore(m: IdentityModels, now: () => Date): LoginThrottleStore {
  const col = m.LoginThrottle.collection;
  return {
    /** When the key is locked, until when; else null. */
    async lockedUntil(key: string): Promise<Date | null> {
      const doc = await col.findOne({ _id: key } as never, { projection: { lockedUntil: 1 } });
      const until = (doc as LoginThrottleRecord | null)?.lockedUntil ?? null;
      return until && until.getTime() > now().getTime() ? until : null;
    },

    /** Locks of several keys at once (the accounts list shows each user's lock). */
    async locks(keys: string[]): Promise<Map<string, Date>> {
      const t = now();
      const docs = (await col
        .find({ _id: mongoose.trusted({ $in: keys }), lockedUntil: mongoose.trusted({ $gt: t }) } as never)
        .toArray()) as unknown as LoginThrottleRecord[];
      return new Map(docs.map((d) => [d._id, d.lockedUntil!]));
    },

    /**
     * Counts one attempt in the key's window (or starts a new window): the record after it. Attempts
     * are counted before the password is checked, so that concurrent guesses cannot all pass the
     * check before any of them is counted; a success gives its count back (`forgive`/`clear`).
     */
    count: (key: string, rule: ThrottleRule) => countAttempt(col, now, key, rule),

    /** Locks the key for `rule.lockMs` from now, unless a lock is already running; the lock's end. */
    async lock(key: string, rule: ThrottleRule): Promise<Date> {
      const t = now();
      const until = new Date(t.getTime() + rule.lockMs);
      const locked = (await col.findOneAndUpdate(
        { _id: key, $or: [{ lockedUntil: null }, { lockedUntil: mongoose.trusted({ $lte: t }) }] } as never,
        { $set: { lockedUntil: until, expiresAt: new Date(until.getTime() + rule.windowMs) } },
        { returnDocument: 'after' },
      )) as unknown as LoginThrottleRecord | null;
      return locked?.lockedUntil ?? (await this.lockedUntil(key)) ?? until;
    },

    /** Gives back one counted attempt that was not a failure. */
    async forgive(key: string): Promise<void> {
      await col.updateOne({ _id: key, count: mongoose.trusted({ $gt: 0 }) } as never, { $inc: { count: -1 } });
    },

    /** A success (or unlockUser) forgets the key's failures and lock. */
    async clear(key: string): Promise<void> {
      await col.deleteOne({ _id: key } as never);
    },

    /** Removes records nobody needs any more. */
    async sweep(): Promise<number> {
      const res = await col.deleteMany({ expiresAt: mongoose.trusted({ $lt: now() }) } as never);
      return res.deletedCount;
    },
  };
}

type ThrottleCollection = IdentityModels['LoginThrottle']['collection'];

/** One attempt counted in the key's current window, or a new window started (see `count`). */
async function countAttempt(col: ThrottleCollection, now: () => Date, key: string, rule: ThrottleRule): Promise<LoginThrottleRecord> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const t = now();
    const windowFrom = new Date(t.getTime() - rule.windowMs);
    const expiresAt = new Date(t.getTime() + rule.windowMs + rule.lockMs);
    const counted = (await col.findOneAndUpdate(
      { _id: key, windowStart: mongoose.trusted({ $gt: windowFrom }) } as never,
      { $inc: { count: 1 }, $set: { expiresAt } },
      { returnDocument: 'after' },
    )) as unknown as LoginThrottleRecord | null;
    if (counted) return counted;
    // No window open: start one (on the old record, keeping a lock it may still carry, or a new one).
    const restarted = (await col.findOneAndUpdate(
      { _id: key, windowStart: mongoose.trusted({ $lte: windowFrom }) } as never,
      { $set: { count: 1, windowStart: t, expiresAt } },
      { returnDocument: 'after' },
    )) as unknown as LoginThrottleRecord | null;
    if (restarted) return restarted;
    try {
      const fresh: LoginThrottleRecord = { _id: key, count: 1, windowStart: t, lockedUntil: null, expiresAt };
      await col.insertOne(fresh as never);
      return fresh;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // another replica started the window first: count into theirs
    }
  }
  throw new Error(`login throttle: could not count an attempt for ${key}`);
}
