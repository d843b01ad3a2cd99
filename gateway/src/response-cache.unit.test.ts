import { parse } from 'graphql';
import type { Principal } from '@yinqi/auth';
import { MATCHMAKING_TOPICS, TOPICS } from '@yinqi/contracts';
import { unauthenticated } from '@yinqi/errors';
import type { GatewayContext } from './context';
import { ResponseCache } from './response-cache';

const ctxOf = (p: Principal | null) =>
  ({
    principal: () =>
      p
        ? p
        : (() => {
            throw unauthenticated('Sign in first');
          })(),
  }) as unknown as GatewayContext;
const bankA: Principal = { userId: 'u1', role: 'BANK_OFFICER', orgId: 'bank-a' };
const bankA2: Principal = { userId: 'u2', role: 'BANK_OFFICER', orgId: 'bank-a' };
const bankB: Principal = { userId: 'u3', role: 'BANK_OFFICER', orgId: 'bank-b' };
const entX: Principal = { userId: 'u4', role: 'ENTERPRISE', orgId: 'ent-x' };
const entY: Principal = { userId: 'u5', role: 'ENTERPRISE', orgId: 'ent-y' };

const PRODUCTS = parse('{ products(first: 20) { edges { node { id name } } } }');
const ME = parse('{ me { id } }');

function cacheAt(t0 = 1_000) {
  let t = t0;
  const cache = new ResponseCache({ ttlMs: 1_000, maxBytes: 10_000, now: () => t });
  return { cache, advance: (ms: number) => (t += ms) };
}
const key = (c: ResponseCache, doc = PRODUCTS, p: Principal | null = entX, vars: Record<string, unknown> = {}) =>
  c.keyOf(doc, undefined, vars, ctxOf(p))?.key ?? null;

describe('ResponseCache keys: who may share an answer', () => {
  const { cache } = cacheAt();
  it('shares the public catalogue between enterprises, never between banks or across roles', () => {
    expect(key(cache, PRODUCTS, entX)).toBe(key(cache, PRODUCTS, entY));
    expect(key(cache, PRODUCTS, bankA)).toBe(key(cache, PRODUCTS, bankA2)); // one bank's officers see the same shelf
    expect(key(cache, PRODUCTS, bankA)).not.toBe(key(cache, PRODUCTS, bankB));
    expect(key(cache, PRODUCTS, bankA)).not.toBe(key(cache, PRODUCTS, entX));
  });
  it('keeps `me` per user and lists per organisation', () => {
    expect(key(cache, ME, bankA)).not.toBe(key(cache, ME, bankA2));
    const mine = parse('{ myDemands { id } }');
    expect(key(cache, mine, entX)).not.toBe(key(cache, mine, entY));
  });
  it('tells variables and documents apart', () => {
    const q = parse('query($f:Int){ products(first:$f){ edges { node { id } } } }');
    expect(key(cache, q, entX, { f: 5 })).not.toBe(key(cache, q, entX, { f: 6 }));
    expect(key(cache, q, entX, { f: 5 })).not.toBe(key(cache, PRODUCTS, entX));
  });
  it('serves nothing else from the cache: mutations, other fields, mixed roots, no valid caller', () => {
    expect(key(cache, parse('mutation { suspendProduct(id: "x") { id } }'))).toBeNull();
    expect(key(cache, parse('{ enterprises { totalCount } }'))).toBeNull();
    expect(key(cache, parse('{ me { id } enterprises { totalCount } }'))).toBeNull();
    expect(key(cache, parse('{ ...F } fragment F on Query { me { id } }'))).toBeNull();
    expect(key(cache, PRODUCTS, null)).toBeNull();
  });
});

describe('ResponseCache entries', () => {
  const answer = (n: number) => ({ data: { products: { edges: Array.from({ length: n }, (_, i) => ({ node: { id: `p${i}` } })) } } });

  it('serves an answer for ttlMs, then asks again', () => {
    const { cache, advance } = cacheAt();
    const k = key(cache)!;
    cache.set(k, answer(1), [MATCHMAKING_TOPICS.product], cache.begin());
    expect(cache.get(k)).toEqual(answer(1));
    advance(999);
    expect(cache.get(k)).toEqual(answer(1));
    advance(1);
    expect(cache.get(k)).toBeUndefined();
  });

  it('drops the answers that depend on a topic when its event arrives, and only those', () => {
    const { cache } = cacheAt();
    const products = key(cache)!;
    const me = key(cache, ME)!;
    cache.set(products, answer(1), [MATCHMAKING_TOPICS.product], cache.begin());
    cache.set(me, { data: { me: { id: 'u4' } } }, [TOPICS.user], cache.begin());
    cache.invalidateTopic(MATCHMAKING_TOPICS.product);
    expect(cache.get(products)).toBeUndefined();
    expect(cache.get(me)).toEqual({ data: { me: { id: 'u4' } } });
  });

  it('does not store an answer computed across an invalidation, nor one with errors', () => {
    const { cache } = cacheAt();
    const k = key(cache)!;
    const since = cache.begin();
    cache.invalidateTopic(MATCHMAKING_TOPICS.product); // a publish landed while the answer was computed
    cache.set(k, answer(1), [MATCHMAKING_TOPICS.product], since);
    expect(cache.get(k)).toBeUndefined();
    cache.set(k, { data: null, errors: [{ message: 'x' }] } as never, [], cache.begin());
    expect(cache.get(k)).toBeUndefined();
  });

  it('still stores an answer when only an unrelated topic was invalidated meanwhile', () => {
    const { cache } = cacheAt();
    const k = key(cache)!;
    const since = cache.begin();
    cache.invalidateTopic(TOPICS.user);
    cache.set(k, answer(1), [MATCHMAKING_TOPICS.product], since);
    expect(cache.get(k)).toEqual(answer(1));
  });

  it('drops after a mutation what it may change: nothing for login, the catalogue for a publish, everything for an unknown one', () => {
    const { cache } = cacheAt();
    const products = key(cache)!;
    const me = key(cache, ME)!;
    const fill = () => {
      cache.set(products, answer(1), [MATCHMAKING_TOPICS.product], cache.begin());
      cache.set(me, { data: { me: { id: 'u4' } } }, [TOPICS.user], cache.begin());
    };
    const mutation = (text: string) => parse(text).definitions[0] as never;
    fill();
    cache.invalidateForMutation(mutation('mutation { login(email: "a", password: "b") { token } }'));
    expect([cache.get(products), cache.get(me)].every(Boolean)).toBe(true);
    cache.invalidateForMutation(mutation('mutation { publishProduct(input: {}) { id } }'));
    expect(cache.get(products)).toBeUndefined();
    expect(cache.get(me)).toBeDefined();
    fill();
    cache.invalidateForMutation(mutation('mutation { scheduleRoadshow(input: {}) { id } }'));
    expect([cache.get(products), cache.get(me)]).toEqual([undefined, undefined]);
  });

  it('stays within its byte bound, oldest out first, and sweeps expired answers', () => {
    const { cache, advance } = cacheAt();
    const q = parse('query($f:Int){ products(first:$f){ edges { node { id } } } }');
    for (let f = 0; f < 40; f += 1) cache.set(key(cache, q, entX, { f })!, answer(20), [], cache.begin()); // ~500 bytes each, 20 KB in all
    expect(cache.size.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get(key(cache, q, entX, { f: 39 })!)).toBeDefined();
    expect(cache.get(key(cache, q, entX, { f: 0 })!)).toBeUndefined();
    advance(1_000);
    cache.sweep();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('is off with ttlMs 0', () => {
    const cache = new ResponseCache({ ttlMs: 0, maxBytes: 10_000 });
    expect(key(cache)).toBeNull();
  });
});
