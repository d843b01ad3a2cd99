import { tooManyRequests } from '@yinqi/errors';
import type { IdentityDeps } from './deps';
import type { ThrottleRule } from './ports';

const MINUTE = 60_000;

/** API-CONTRACT-ACCOUNTS.md "Login throttling". */
const EMAIL_RULE: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const ADDRESS_RULE: ThrottleRule = { limit: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

const refuseSignIn = (waitMs: number) => tooManyRequests('Too many failed sign-ins: try again later', waitMs / 1000);

export interface Admitted {
  keys: { key: string; rule: ThrottleRule }[];
  ranks: number[];
}

const keysOf = (email: string, address: string) => [
  { key: emailKey(email), rule: EMAIL_RULE },
  { key: addressKey(address), rule: ADDRESS_RULE },
];

/**
 * Lets one password check through, counted against the email and the caller's address before
 * the check, so concurrent guesses cannot all slip in before the first is counted: the 6th
 * concurrent guess at an email is refused even while the 5th is still being checked. A locked
 * key refuses without counting (so a lock ends on time, however many attempts it refused).
 * Answers each key's rank: this attempt was the n-th in its window.
 */
export async function admitAttempt({ throttle, now }: IdentityDeps, email: string, address: string): Promise<Admitted> {
  const keys = keysOf(email, address);
  // One read for both keys: under a guessing run nearly every attempt ends here.
  const locks = await throttle.locks(keys.map((k) => k.key));
  const lockedMs = Math.max(0, ...[...locks.values()].map((l) => l.getTime() - now().getTime()));
  if (lockedMs > 0) throw refuseSignIn(lockedMs);
  const counted = await Promise.all(keys.map((k) => throttle.count(k.key, k.rule)));
  if (counted.some((c, i) => c.count > keys[i]!.rule.limit)) {
    await Promise.all(keys.map((k) => throttle.forgive(k.key)));
    throw refuseSignIn(Math.max(...keys.map((k) => k.rule.lockMs)));
  }
  return { keys, ranks: counted.map((c) => c.count) };
}

/** The checked attempt failed: a key whose limit it reached is locked from now. */
export async function attemptFailed({ throttle }: IdentityDeps, admitted: Admitted): Promise<void> {
  await Promise.all(admitted.keys.flatMap((k, i) => (admitted.ranks[i]! >= k.rule.limit ? [throttle.lock(k.key, k.rule)] : [])));
}

/** The checked attempt succeeded: the email's count is cleared, the address gets its attempt back. */
export async function attemptSucceeded({ throttle }: IdentityDeps, admitted: Admitted): Promise<void> {
  await Promise.all([throttle.clear(admitted.keys[0]!.key), throttle.forgive(admitted.keys[1]!.key)]);
}
