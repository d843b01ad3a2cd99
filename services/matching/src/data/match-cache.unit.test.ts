import type { Match } from '../domain/match';
import { MatchCache } from './repository';

const match = (id: string, score = 50): Match => ({ _id: id, score, status: 'PROPOSED', version: 1 }) as unknown as Match;

describe('MatchCache', () => {
  it('drops the least recently used document beyond its capacity', () => {
    const c = new MatchCache(2);
    c.put(match('a'));
    c.put(match('b'));
    expect(c.get('a')?._id).toBe('a'); // a is now the most recent
    c.put(match('c'));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')?._id).toBe('a');
    expect(c.get('c')?._id).toBe('c');
    expect(c.size).toBe(2);
  });

  it('keeps the newest state of a document and never its stored events', () => {
    const c = new MatchCache(10);
    c.put({ ...match('a'), outbox: [{ id: 'e1' }] } as unknown as Match);
    c.put({ ...match('a', 80), version: 2 } as Match);
    expect(c.get('a')).toEqual({ _id: 'a', score: 80, status: 'PROPOSED', version: 2 });
    c.put({ ...match('b'), outbox: [{ id: 'e2' }] } as unknown as Match);
    expect(c.get('b')).not.toHaveProperty('outbox');
  });

  it('caches nothing with capacity 0', () => {
    const c = new MatchCache(0);
    c.put(match('a'));
    expect(c.get('a')).toBeUndefined();
  });
});
