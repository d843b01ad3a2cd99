import { databaseWatchdog } from './watchdog';

describe('databaseWatchdog', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fires once when the database stays down for lostAfterMs, not on a short outage', () => {
    let up = true;
    const lost: number[] = [];
    const w = databaseWatchdog({ isUp: () => up, lostAfterMs: 30_000, intervalMs: 1_000, onLost: (ms) => lost.push(ms), now: () => Date.now() });
    up = false;
    jest.advanceTimersByTime(10_000); // a FerretDB restart: down for 10 s, then back
    up = true;
    jest.advanceTimersByTime(2_000);
    up = false;
    jest.advanceTimersByTime(29_000);
    expect(lost).toEqual([]);
    jest.advanceTimersByTime(2_000);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeGreaterThanOrEqual(30_000);
    jest.advanceTimersByTime(60_000);
    expect(lost).toHaveLength(1);
    w.stop();
  });
});
