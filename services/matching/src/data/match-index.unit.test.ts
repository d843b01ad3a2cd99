import { MatchIndex } from './match-index';

const idOf = (d: string, p: string) => `${d}|${p}`;
const at = (ms: number) => new Date(1_700_000_000_000 + ms);

describe('MatchIndex', () => {
  it('holds one entry per (demand, product): a second put updates the status and keeps createdAt', () => {
    const ix = new MatchIndex(idOf);
    ix.put({ demandId: 'd1', productId: 'p1', bankId: 'b1', status: 'PROPOSED', createdAt: at(1) });
    ix.put({ demandId: 'd1', productId: 'p1', bankId: 'b1', status: 'WITHDRAWN', createdAt: at(99) });
    expect(ix.size).toBe(1);
    expect(ix.ofDemand('d1')).toEqual([
      { id: 'd1|p1', demandId: 'd1', productId: 'p1', bankId: 'b1', status: 'WITHDRAWN', createdAt: at(1).getTime() },
    ]);
  });

  it('lists a demand’s and a product’s matches, with status filters, and knows nothing of unknown ids', () => {
    const ix = new MatchIndex(idOf);
    ix.put({ demandId: 'd1', productId: 'p1', bankId: 'b1', status: 'PROPOSED', createdAt: at(1) });
    ix.put({ demandId: 'd1', productId: 'p2', bankId: 'b2', status: 'OFFERED', createdAt: at(2) });
    ix.put({ demandId: 'd2', productId: 'p1', bankId: 'b1', status: 'PROPOSED', createdAt: at(3) });
    expect(
      ix
        .ofDemand('d1')
        .map((e) => e.productId)
        .sort(),
    ).toEqual(['p1', 'p2']);
    expect(
      ix
        .ofProduct('p1')
        .map((e) => e.demandId)
        .sort(),
    ).toEqual(['d1', 'd2']);
    expect(ix.ofProduct('p2', ['PROPOSED', 'INTERESTED'])).toEqual([]);
    expect(ix.setStatus('d2', 'p1', 'WITHDRAWN')).toBe(true);
    expect(ix.ofProduct('p1', ['PROPOSED']).map((e) => e.demandId)).toEqual(['d1']);
    expect(ix.ofDemand('nope')).toEqual([]);
    expect(ix.ofProduct('nope')).toEqual([]);
    expect(ix.setStatus('d1', 'p9', 'WITHDRAWN')).toBe(false);
    expect(ix.get('d2', 'p1')?.status).toBe('WITHDRAWN');
  });

  it('pages a bank’s matches newest first by (createdAt, id) like findPage, with totals per status', () => {
    const ix = new MatchIndex(idOf);
    // Inserted out of createdAt order, with ties on createdAt.
    const rows = [
      { d: 'd1', ms: 5 },
      { d: 'd2', ms: 1 },
      { d: 'd3', ms: 5 },
      { d: 'd4', ms: 9 },
      { d: 'd5', ms: 3 },
      { d: 'd6', ms: 5 },
      { d: 'd7', ms: 7 },
    ];
    for (const r of rows)
      ix.put({ demandId: r.d, productId: 'p', bankId: 'b1', status: r.d === 'd7' ? 'OFFERED' : 'PROPOSED', createdAt: at(r.ms) });
    ix.put({ demandId: 'd8', productId: 'p', bankId: 'other', status: 'PROPOSED', createdAt: at(100) });
    const expected = [...rows].sort((a, b) => b.ms - a.ms || (idOf(b.d, 'p') > idOf(a.d, 'p') ? 1 : -1)).map((r) => r.d);
    const seen: string[] = [];
    let after: { at: number; id: string } | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = ix.bankPage('b1', undefined, after, 3);
      expect(page.total).toBe(7);
      seen.push(...page.items.map((e) => e.demandId));
      if (!page.hasNextPage) break;
      const last = page.items.at(-1)!;
      after = { at: last.createdAt, id: last.id };
    }
    expect(seen).toEqual(expected);
    const offered = ix.bankPage('b1', 'OFFERED', null, 20);
    expect(offered).toMatchObject({ total: 1, hasNextPage: false });
    expect(offered.items.map((e) => e.demandId)).toEqual(['d7']);
    expect(ix.bankPage('nobody', undefined, null, 20)).toEqual({ items: [], total: 0, hasNextPage: false });
  });

  it('grows past its initial capacity and stays small per match', () => {
    const ix = new MatchIndex(idOf);
    const n = 50_000;
    for (let i = 0; i < n; i += 1)
      ix.put({
        demandId: `d${i % 5_000}`,
        productId: `p${Math.floor(i / 5_000)}`,
        bankId: `b${i % 7}`,
        status: 'PROPOSED',
        createdAt: at(i),
      });
    expect(ix.size).toBe(n);
    expect(ix.ofDemand('d42')).toHaveLength(10);
    expect(ix.ofProduct('p3')).toHaveLength(5_000);
    // Columns and lists only (ids are interned once): well under 64 bytes a match.
    expect(ix.approxBytes / n).toBeLessThan(64);
  });
});
