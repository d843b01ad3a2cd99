import { BitsetIndex, evaluate, listAllows, type Rule } from './index';

interface Item {
  id: string;
  colours: string[];
  sizes: string[];
}
const anIndex = () =>
  new BitsetIndex<Item>(
    (i) => i.id,
    (i) => ({ colour: i.colours, size: i.sizes }),
  );
const ids = (it: Iterable<Item>) =>
  Array.from(it)
    .map((i) => i.id)
    .sort();

describe('BitsetIndex', () => {
  it('finds items that accept the value or accept any value, in every dimension', () => {
    const idx = anIndex();
    idx.upsert({ id: 'a', colours: ['red'], sizes: [] });
    idx.upsert({ id: 'b', colours: [], sizes: ['L'] });
    idx.upsert({ id: 'c', colours: ['blue'], sizes: ['L', 'M'] });
    expect(ids(idx.query({ colour: 'red', size: 'L' }))).toEqual(['a', 'b']);
    expect(ids(idx.query({ colour: 'blue', size: 'M' }))).toEqual(['c']);
    expect(ids(idx.query({ colour: 'green', size: 'S' }))).toEqual([]);
    expect(ids(idx.query({}))).toEqual(['a', 'b', 'c']);
  });

  it('forgets removed items and reuses their slots without leaking old bits', () => {
    const idx = anIndex();
    idx.upsert({ id: 'a', colours: ['red'], sizes: [] });
    idx.remove('a');
    idx.upsert({ id: 'b', colours: ['blue'], sizes: ['L'] });
    expect(ids(idx.query({ colour: 'red' }))).toEqual([]);
    expect(ids(idx.query({ colour: 'blue', size: 'L' }))).toEqual(['b']);
    expect(idx.size).toBe(1);
  });

  it('replaces an item on upsert', () => {
    const idx = anIndex();
    idx.upsert({ id: 'a', colours: ['red'], sizes: [] });
    idx.upsert({ id: 'a', colours: ['blue'], sizes: [] });
    expect(ids(idx.query({ colour: 'red' }))).toEqual([]);
    expect(ids(idx.query({ colour: 'blue' }))).toEqual(['a']);
  });

  it('handles thousands of items across word boundaries', () => {
    const idx = anIndex();
    for (let i = 0; i < 5000; i += 1) idx.upsert({ id: `p${i}`, colours: i % 3 === 0 ? ['red'] : ['blue'], sizes: [] });
    expect([...idx.query({ colour: 'red' })].length).toBe(1667);
  });
});

describe('evaluate', () => {
  const rules: Rule<number, number>[] = [
    { name: 'GE', check: (a, b) => ({ passed: a >= b, detail: `${a} >= ${b}` }) },
    { name: 'EVEN', check: (a) => ({ passed: a % 2 === 0, detail: `${a} even` }) },
  ];
  it('records every rule, not only the first failure', () => {
    expect(evaluate(rules, 1, 5)).toEqual({
      eligible: false,
      reasons: [
        { rule: 'GE', passed: false, detail: '1 >= 5' },
        { rule: 'EVEN', passed: false, detail: '1 even' },
      ],
    });
    expect(evaluate(rules, 6, 5).eligible).toBe(true);
  });
  it('treats an empty list as any', () => {
    expect(listAllows([], 'x')).toBe(true);
    expect(listAllows(['y'], 'x')).toBe(false);
  });
});
