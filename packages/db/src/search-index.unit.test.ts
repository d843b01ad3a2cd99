import { literalPattern, normalizeSearchText, querySearchKeys, textHolds, textSearchKeys } from './search-index';

describe('search keys', () => {
  it('cut a Chinese name into its characters and pairs of neighbours, so any substring is found by its keys', () => {
    const keys = textSearchKeys('重庆锐锋五金工具有限公司');
    expect(keys).toContain('锐锋');
    expect(keys).toContain('锐');
    expect(keys).toHaveLength(12 + 11);
    expect(querySearchKeys('锐锋五金').every((k) => keys.includes(k))).toBe(true);
    expect(querySearchKeys('锋锐').every((k) => keys.includes(k))).toBe(false);
  });

  it('look a query up by its pairs, or by its one character', () => {
    expect(querySearchKeys('锐锋五')).toEqual(['锐锋', '锋五']);
    expect(querySearchKeys(' 锐 ')).toEqual(['锐']);
    expect(querySearchKeys('')).toEqual([]);
  });

  it('confirm a candidate by the whole text, normalised as the keys are', () => {
    expect(textHolds('重庆锐锋 五金', 'ＲＵＩ')).toBe(false);
    expect(textHolds('重庆锐锋 五金', '锋五')).toBe(true);
    expect(textHolds('重庆锐锋五金', '锐金')).toBe(false);
  });

  it('treat full-width letters, case and spaces as a user does', () => {
    expect(normalizeSearchText('ＡＢＣ 科技')).toBe('abc科技');
    expect(textSearchKeys('AB c')).toEqual(['a', 'b', 'c', 'ab', 'bc']);
  });

  it('count characters, not UTF-16 units, and repeat no key', () => {
    expect(textSearchKeys('𠀀𠀁𠀀𠀁')).toEqual(['𠀀', '𠀁', '𠀀𠀁', '𠀁𠀀']);
  });

  it('match a query literally, whatever it holds', () => {
    expect(literalPattern('a.b(').test('xA.B(y')).toBe(true);
    expect(literalPattern('a.b(').test('axb(')).toBe(false);
  });
});
