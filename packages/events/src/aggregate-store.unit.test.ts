import { AppError } from '@yinqi/errors';
import { updateAggregate, type AggregateAccess } from './aggregate-store';

interface Account {
  id: string;
  version: number;
  balance: number;
}

/** An in-memory store whose conditional write can be made to lose a number of races. */
function anAccountStore(start: Account | null, loseRaces = 0) {
  let stored = start;
  let toLose = loseRaces;
  const writes: number[] = [];
  const access: AggregateAccess<Account, { balance: number }> = {
    load: async () => (stored ? { ...stored } : null),
    write: async (_id, expectedVersion, change) => {
      if (!stored || stored.version !== expectedVersion) return false;
      if (toLose > 0) {
        toLose -= 1;
        stored = { ...stored, version: stored.version + 1 }; // another writer got there first
        return false;
      }
      stored = { ...stored, balance: change.balance, version: expectedVersion + 1 };
      writes.push(change.balance);
      return true;
    },
  };
  return { access, writes, get: () => stored };
}

const deposit = (amount: number) => (a: Account) => ({
  next: { ...a, balance: a.balance + amount, version: a.version + 1 },
  change: { balance: a.balance + amount },
});

describe('updateAggregate', () => {
  it('decides again on the state another writer left when it loses a race, and writes once', async () => {
    const store = anAccountStore({ id: 'a', version: 1, balance: 100 }, 2);
    const written: number[] = [];
    const result = await updateAggregate(store.access, 'a', deposit(50), {
      what: 'Account',
      written: (next) => written.push(next.version),
    });
    expect(result.balance).toBe(150);
    expect(store.get()).toEqual({ id: 'a', version: 4, balance: 150 });
    expect(store.writes).toEqual([150]);
    expect(written).toEqual([4]);
  });

  it('answers a retriable CONFLICT, naming the aggregate, after losing every attempt', async () => {
    const store = anAccountStore({ id: 'a', version: 1, balance: 100 }, 99);
    const err = await updateAggregate(store.access, 'a', deposit(50), { what: 'Account', attempts: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONFLICT', retriable: true, message: expect.stringContaining('account') });
    expect(store.writes).toEqual([]);
  });

  it('writes nothing for a refusal or for no change, and answers NOT_FOUND for a missing aggregate', async () => {
    const store = anAccountStore({ id: 'a', version: 1, balance: 100 });
    await expect(
      updateAggregate(store.access, 'a', () => new AppError('POLICY_VIOLATION', 'frozen'), { what: 'Account' }),
    ).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
    expect(await updateAggregate(store.access, 'a', () => null, { what: 'Account' })).toEqual({ id: 'a', version: 1, balance: 100 });
    expect(store.writes).toEqual([]);
    await expect(updateAggregate(anAccountStore(null).access, 'x', deposit(1), { what: 'Account' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
