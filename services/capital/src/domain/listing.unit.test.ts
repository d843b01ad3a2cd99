import {
  checkRewardPayable,
  checkStageMove,
  DEFAULT_LISTING_REWARDS,
  parseListingRewards,
  rewardsDue,
  STAGES,
  stagesReached,
} from './listing';

describe('listing stages (上市后备 → 新三板 → 北交所)', () => {
  it('lets an enterprise enter the pipeline at any stage', () => {
    for (const s of STAGES) expect(checkStageMove(null, s)).toBeNull();
  });

  it('moves forward one step or skips forward', () => {
    expect(checkStageMove('RESERVE', 'TUTORING')).toBeNull();
    expect(checkStageMove('RESERVE', 'NEEQ_BASIC')).toBeNull();
    expect(checkStageMove('BSE_FILED', 'LISTED')).toBeNull();
  });

  it('refuses the same stage and every step back with CONFLICT', () => {
    expect(checkStageMove('TUTORING', 'TUTORING')?.code).toBe('CONFLICT');
    expect(checkStageMove('NEEQ_BASIC', 'TUTORING')?.code).toBe('CONFLICT');
    expect(checkStageMove('LISTED', 'RESERVE')?.code).toBe('CONFLICT');
    for (let i = 0; i < STAGES.length; i += 1) {
      for (let j = 0; j <= i; j += 1) expect(checkStageMove(STAGES[i]!, STAGES[j]!)?.code).toBe('CONFLICT');
    }
  });
});

describe('staged listing rewards (item 32)', () => {
  it('counts every stage up to the current one as reached', () => {
    expect(stagesReached('RESERVE')).toEqual(['RESERVE']);
    expect(stagesReached('NEEQ_BASIC')).toEqual(['RESERVE', 'TUTORING', 'NEEQ_BASIC']);
  });

  it('lists reached, unpaid stages with a configured amount, in ladder order', () => {
    expect(rewardsDue('RESERVE', [], DEFAULT_LISTING_REWARDS)).toEqual([]);
    expect(rewardsDue('NEEQ_BASIC', [], DEFAULT_LISTING_REWARDS)).toEqual([
      { stage: 'TUTORING', amount: 500_000 },
      { stage: 'NEEQ_BASIC', amount: 1_000_000 },
    ]);
    expect(rewardsDue('NEEQ_BASIC', ['TUTORING'], DEFAULT_LISTING_REWARDS)).toEqual([{ stage: 'NEEQ_BASIC', amount: 1_000_000 }]);
    expect(rewardsDue('LISTED', ['TUTORING', 'NEEQ_BASIC', 'NEEQ_INNOVATION', 'BSE_FILED', 'LISTED'], DEFAULT_LISTING_REWARDS)).toEqual([]);
  });

  it('uses the configured amounts, leaving out stages configured at 0', () => {
    const table = parseListingRewards('{"RESERVE":10000,"TUTORING":0}', DEFAULT_LISTING_REWARDS);
    expect(table.RESERVE).toBe(10_000);
    expect(rewardsDue('TUTORING', [], table)).toEqual([{ stage: 'RESERVE', amount: 10_000 }]);
  });

  it('rejects a bad reward configuration', () => {
    expect(() => parseListingRewards('{"IPO":1}', DEFAULT_LISTING_REWARDS)).toThrow(/unknown stage/);
    expect(() => parseListingRewards('{"LISTED":-1}', DEFAULT_LISTING_REWARDS)).toThrow(/whole yuan/);
    expect(() => parseListingRewards('{"LISTED":1.5}', DEFAULT_LISTING_REWARDS)).toThrow(/whole yuan/);
    expect(() => parseListingRewards('[1]', DEFAULT_LISTING_REWARDS)).toThrow();
    expect(() => parseListingRewards('nope', DEFAULT_LISTING_REWARDS)).toThrow(/JSON/);
  });

  it('pays a reward only when reached, configured and unpaid', () => {
    expect(checkRewardPayable('NEEQ_BASIC', 'TUTORING', [], DEFAULT_LISTING_REWARDS)).toBeNull();
    expect(checkRewardPayable('NEEQ_BASIC', 'NEEQ_BASIC', [], DEFAULT_LISTING_REWARDS)).toBeNull();
    expect(checkRewardPayable('NEEQ_BASIC', 'NEEQ_INNOVATION', [], DEFAULT_LISTING_REWARDS)?.code).toBe('CONFLICT');
    expect(checkRewardPayable(null, 'RESERVE', [], DEFAULT_LISTING_REWARDS)?.code).toBe('CONFLICT');
    expect(checkRewardPayable('LISTED', 'RESERVE', [], DEFAULT_LISTING_REWARDS)?.code).toBe('CONFLICT');
    expect(checkRewardPayable('LISTED', 'LISTED', ['LISTED'], DEFAULT_LISTING_REWARDS)?.code).toBe('CONFLICT');
  });
});
