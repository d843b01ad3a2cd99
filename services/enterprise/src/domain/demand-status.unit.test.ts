import type { DemandStatus, MatchStatus } from '@yinqi/contracts';
import { applyMatchUpdate, deriveDemandStatus, isStorableMatchId } from './demand-status';

describe('deriveDemandStatus', () => {
  const cases: [DemandStatus, MatchStatus[], DemandStatus][] = [
    ['OPEN', [], 'OPEN'],
    ['OPEN', ['PROPOSED'], 'MATCHED'],
    ['OPEN', ['INTERESTED'], 'MATCHED'],
    ['MATCHED', ['PROPOSED', 'OFFERED'], 'OFFERED'],
    ['OFFERED', ['OFFERED', 'ACCEPTED', 'REJECTED'], 'ACCEPTED'],
    ['ACCEPTED', ['FUNDED', 'REJECTED'], 'FUNDED'],
    ['MATCHED', ['WITHDRAWN', 'DECLINED', 'REJECTED'], 'OPEN'],
    ['MATCHED', ['WITHDRAWN', 'INTERESTED'], 'MATCHED'],
    // An accepted offer that falls through leaves what else is still on the table.
    ['ACCEPTED', ['WITHDRAWN', 'OFFERED'], 'OFFERED'],
  ];
  it.each(cases)('from %s with matches %j becomes %s', (current, matches, expected) => {
    expect(deriveDemandStatus(current, matches)).toBe(expected);
  });

  it('never leaves WITHDRAWN, FUNDED or CLOSED', () => {
    for (const final of ['WITHDRAWN', 'FUNDED', 'CLOSED'] as const) {
      expect(deriveDemandStatus(final, ['PROPOSED', 'OFFERED', 'ACCEPTED'])).toBe(final);
      expect(deriveDemandStatus(final, [])).toBe(final);
    }
  });
});

describe('applyMatchUpdate', () => {
  const open = { status: 'OPEN' as DemandStatus, matches: {}, bankIds: [] as string[] };

  it('records the match, its bank and the derived status', () => {
    const r = applyMatchUpdate(open, { matchId: 'm1', status: 'PROPOSED', bankId: 'b1', version: 1 });
    expect(r).toEqual({
      applied: true,
      matches: { m1: { status: 'PROPOSED', version: 1, bankId: 'b1' } },
      status: 'MATCHED',
      bankIds: ['b1'],
    });
  });

  it('ignores a re-delivered event and an older one that arrives late', () => {
    const after2 = applyMatchUpdate(open, { matchId: 'm1', status: 'OFFERED', bankId: 'b1', version: 3 });
    if (!after2.applied) throw new Error('expected applied');
    const demand = { status: after2.status, matches: after2.matches, bankIds: after2.bankIds };
    expect(applyMatchUpdate(demand, { matchId: 'm1', status: 'OFFERED', bankId: 'b1', version: 3 })).toEqual({ applied: false });
    expect(applyMatchUpdate(demand, { matchId: 'm1', status: 'PROPOSED', bankId: 'b1', version: 1 })).toEqual({ applied: false });
  });

  it('goes back to OPEN only when every match is withdrawn, declined or rejected', () => {
    let d = { ...open } as {
      status: DemandStatus;
      matches: Record<string, { status: MatchStatus; version: number; bankId: string }>;
      bankIds: string[];
    };
    const step = (matchId: string, status: MatchStatus, version: number, bankId = 'b1') => {
      const r = applyMatchUpdate(d, { matchId, status, bankId, version });
      if (!r.applied) throw new Error('expected applied');
      d = { status: r.status, matches: r.matches, bankIds: r.bankIds };
      return r.status;
    };
    expect(step('m1', 'PROPOSED', 1)).toBe('MATCHED');
    expect(step('m2', 'PROPOSED', 1, 'b2')).toBe('MATCHED');
    expect(step('m1', 'WITHDRAWN', 2)).toBe('MATCHED');
    expect(step('m2', 'DECLINED', 2, 'b2')).toBe('OPEN');
    expect(d.bankIds).toEqual(['b1', 'b2']);
  });

  it('keeps a withdrawn demand withdrawn but still remembers the match', () => {
    const r = applyMatchUpdate(
      { status: 'WITHDRAWN', matches: {}, bankIds: [] },
      { matchId: 'm1', status: 'PROPOSED', bankId: 'b1', version: 1 },
    );
    expect(r).toMatchObject({ applied: true, status: 'WITHDRAWN', bankIds: ['b1'] });
  });
});

describe('isStorableMatchId', () => {
  it('accepts uuids and hex ids and refuses what cannot be a field name', () => {
    expect(isStorableMatchId('0b8f5e8e-6f0e-4c55-9d55-2b0f5e0c1a11')).toBe(true);
    expect(isStorableMatchId('65f1c0ffee0123456789abcd')).toBe(true);
    expect(isStorableMatchId('a.b')).toBe(false);
    expect(isStorableMatchId('$where')).toBe(false);
    expect(isStorableMatchId('')).toBe(false);
  });
});
