import { ReadCache } from './index';

describe('ReadCache', () => {
  it('serves identical reads within the time from one load, and loads again after it', async () => {
    let now = 1_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const cache = new ReadCache<number>(1_000);
      let loads = 0;
      const load = async () => ++loads;
      const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
      expect([a, b, loads]).toEqual([1, 1, 1]);
      now += 999;
      expect(await cache.get('k', load)).toBe(1);
      now += 1;
      expect(await cache.get('k', load)).toBe(2);
      expect(await cache.get('other', load)).toBe(3);
    } finally {
      spy.mockRestore();
    }
  });

  it('reads its own writes: clear() drops every entry, also a read still in flight', async () => {
    const cache = new ReadCache<string>(60_000);
    let release!: (v: string) => void;
    const first = cache.get('k', () => new Promise<string>((r) => (release = r)));
    cache.clear();
    expect(await cache.get('k', async () => 'after the write')).toBe('after the write');
    release('before the write');
    expect(await first).toBe('before the write');
    expect(await cache.get('k', async () => 'not loaded')).toBe('after the write');
  });

  it('keeps no failed read, and ttl 0 turns it off', async () => {
    const cache = new ReadCache<string>(60_000);
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
    const off = new ReadCache<number>(0);
    let loads = 0;
    await off.get('k', async () => ++loads);
    await off.get('k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
