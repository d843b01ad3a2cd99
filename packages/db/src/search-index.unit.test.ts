import { literalPattern, normalizeSearchText, textSearchKeys } from './search-index';

describe('search keys', () => {
  it('cut a Chinese name into every pair of neighbouring characters, so any substring of two is a key', () => {
    const keys = textSearchKeys('重庆锐锋五金工具有限公司');
    expect(keys).toContain('锐锋');
    expect(keys).toContain('五金');
    expect(keys).toHaveLength(11);
  });

  it('treat full-width letters, case and spaces as a user does', () => {
    expect(normalizeSearchText('ＡＢＣ 科技')).toBe('abc科技');
    expect(textSearchKeys('AB c')).toEqual(['ab', 'bc']);
  });

  it('count characters, not UTF-16 units, and repeat no key', () => {
    expect(textSearchKeys('𠀀𠀁𠀀𠀁')).toEqual(['𠀀𠀁', '𠀁𠀀']);
  });

  it('give no key for a query of one character: no index narrows it', () => {
    expect(textSearchKeys('锐')).toEqual([]);
    expect(textSearchKeys('  ')).toEqual([]);
  });

  it('match a query literally, whatever it holds', () => {
    expect(literalPattern('a.b(').test('xA.B(y')).toBe(true);
    expect(literalPattern('a.b(').test('axb(')).toBe(false);
  });
});
