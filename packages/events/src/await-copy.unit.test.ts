import { awaitCopy } from './await-copy';

/** A fake clock whose sleep advances it, so the waits are exact and instant. */
function clock() {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), slept };
}

describe('awaitCopy', () => {
  it('returns at once when the copy is there and ready', async () => {
    const c = clock();
    expect(
      await awaitCopy(async () => ({ status: 'ACCEPTED' }), { timeoutMs: 5_000, ready: (m) => m.status === 'ACCEPTED', ...c }),
    ).toEqual({ status: 'ACCEPTED' });
    expect(c.slept).toEqual([]);
  });

  it('polls with a doubling pause until the copy catches up', async () => {
    const c = clock();
    const states = [null, { status: 'OFFERED' }, { status: 'OFFERED' }, { status: 'ACCEPTED' }];
    let i = 0;
    const got = await awaitCopy(async () => states[Math.min(i++, states.length - 1)]!, {
      timeoutMs: 5_000,
      ready: (m) => m.status === 'ACCEPTED',
      ...c,
    });
    expect(got).toEqual({ status: 'ACCEPTED' });
    expect(c.slept).toEqual([20, 40, 80]);
  });

  it('gives up at the bound and returns the last read, behind as it is', async () => {
    const c = clock();
    const got = await awaitCopy(async () => ({ status: 'OFFERED' }), { timeoutMs: 1_000, ready: (m) => m.status === 'ACCEPTED', ...c });
    expect(got).toEqual({ status: 'OFFERED' });
    expect(c.now()).toBe(1_000);
    expect(Math.max(...c.slept)).toBe(200);
  });

  it('returns null when the copy never appears', async () => {
    const c = clock();
    expect(await awaitCopy(async () => null, { timeoutMs: 300, ...c })).toBeNull();
    expect(c.now()).toBe(300);
  });
});
