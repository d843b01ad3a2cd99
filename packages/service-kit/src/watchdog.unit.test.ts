import { downtimeWatchdog, startupDeadline } from './watchdog';

describe('downtimeWatchdog', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fires once when the database stays down for lostAfterMs, not on a short outage', () => {
    let up = true;
    const lost: number[] = [];
    const w = downtimeWatchdog({
      isUp: () => up,
      lostAfterMs: 30_000,
      intervalMs: 1_000,
      onLost: (ms) => lost.push(ms),
      now: () => Date.now(),
    });
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

describe('startupDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reports the step a start hung in once the deadline passes', () => {
    const missed: [string, number][] = [];
    const d = startupDeadline({ deadlineMs: 60_000, onMissed: (step, ms) => missed.push([step, ms]) });
    d.step('database');
    jest.advanceTimersByTime(5_000);
    d.step('kafka consumers');
    jest.advanceTimersByTime(54_000);
    expect(missed).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(missed).toEqual([['kafka consumers', 60_000]]);
  });

  it('stays silent once the start is done', () => {
    const missed: string[] = [];
    const d = startupDeadline({ deadlineMs: 60_000, onMissed: (step) => missed.push(step) });
    jest.advanceTimersByTime(30_000);
    d.done();
    jest.advanceTimersByTime(120_000);
    expect(missed).toEqual([]);
  });
});
