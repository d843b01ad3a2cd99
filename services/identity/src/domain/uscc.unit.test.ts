import { usccCheckCharacter, usccProblem } from './uscc';

describe('USCC checksum (GB 32100-2015)', () => {
  it('accepts published real-world codes', () => {
    // Codes printed on public business licences.
    expect(usccProblem('91350100M000100Y43')).toBeUndefined();
    expect(usccProblem('91110000802100433B')).toBeUndefined();
  });

  it('rejects a code whose check character was changed', () => {
    expect(usccProblem('91350100M000100Y44')).toMatch(/check character/);
  });

  it('rejects lower-case, forbidden letters and wrong length', () => {
    expect(usccProblem('91350100m000100y43')).toMatch(/character/);
    expect(usccProblem('91350100M000100I43')).toMatch(/character/);
    expect(usccProblem('91350100M000100Y4')).toMatch(/18/);
  });

  it('computes a check character of 0 when the weighted sum is a multiple of 31', () => {
    const body = '00000000000000000';
    expect(usccCheckCharacter(body)).toBe('0');
  });
});
