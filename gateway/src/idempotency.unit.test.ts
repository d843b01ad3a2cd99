import {
  IdempotencyStore,
  isMutationRequest,
  validIdempotencyKey,
  type IdempotencyCollection,
  type IdempotencyRecord,
} from './idempotency';

/** The collection semantics the store relies on (unique _id, conditional update/delete), in memory. */
function memoryCollection(): IdempotencyCollection & { docs: Map<string, IdempotencyRecord> } {
  const docs = new Map<string, IdempotencyRecord>();
  const matches = (d: IdempotencyRecord, f: Record<string, unknown>) =>
    Object.entries(f).every(([k, v]) => {
      const mine = (d as unknown as Record<string, unknown>)[k];
      return v instanceof Date ? mine instanceof Date && mine.getTime() === v.getTime() : mine === v;
    });
  return {
    docs,
    insertOne: async (doc) => {
      await Promise.resolve();
      if (docs.has(doc._id)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      docs.set(doc._id, { ...doc });
    },
    findOne: async (f) => {
      const d = docs.get(f._id as string);
      return d && matches(d, f) ? { ...d } : null;
    },
    updateOne: async (f, u) => {
      const d = docs.get(f._id as string);
      if (!d || !matches(d, f)) return { modifiedCount: 0 };
      Object.assign(d, (u as { $set: Partial<IdempotencyRecord> }).$set);
      return { modifiedCount: 1 };
    },
    deleteOne: async (f) => {
      const d = docs.get(f._id as string);
      if (d && matches(d, f)) docs.delete(d._id);
    },
  };
}

const response = (body: string) => ({ status: 200, contentType: 'application/json', body });

describe('Idempotency-Key records', () => {
  it('runs the first request once and answers 20 concurrent repeats (on other replicas too) with its response', async () => {
    const col = memoryCollection();
    const replicas = [new IdempotencyStore(() => col, { pollMs: 5 }), new IdempotencyStore(() => col, { pollMs: 5 })];
    let executions = 0;
    const execute = async () => {
      executions += 1;
      await new Promise((r) => setTimeout(r, 50));
      return { response: response('{"data":{"makeOffer":{"id":"m1"}}}'), keep: true };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.run('user:u1', 'k1', '{"q":1}', execute)));
    expect(executions).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await replicas[0]!.run('user:u1', 'k1', '{"q":1}', execute)).toEqual(response('{"data":{"makeOffer":{"id":"m1"}}}'));
    expect(executions).toBe(1);
  });

  it('refuses the same key with another body, and keeps callers apart', async () => {
    const col = memoryCollection();
    const store = new IdempotencyStore(() => col);
    let n = 0;
    const execute = async () => ({ response: response(String((n += 1))), keep: true });
    await store.run('user:a', 'k', 'body-1', execute);
    expect(await store.run('user:a', 'k', 'body-2', execute)).toEqual({ conflict: expect.stringMatching(/different request body/) });
    expect(await store.run('user:b', 'k', 'body-1', execute)).toEqual(response('2'));
  });

  it('does not keep an answer that failed for a retriable reason: the next repeat executes again', async () => {
    const col = memoryCollection();
    const store = new IdempotencyStore(() => col);
    let n = 0;
    const execute = async () => {
      n += 1;
      return { response: response(String(n)), keep: n > 1 };
    };
    expect(await store.run('user:a', 'k', 'b', execute)).toEqual(response('1'));
    expect(await store.run('user:a', 'k', 'b', execute)).toEqual(response('2'));
    expect(await store.run('user:a', 'k', 'b', execute)).toEqual(response('2'));
  });

  it('takes over a key whose first request died before answering, and forgets keys after 24 hours', async () => {
    const col = memoryCollection();
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new IdempotencyStore(() => col, { now: () => now, lockMs: 1_000, waitMs: 0 });
    const id = IdempotencyStore.recordId('user:a', 'k');
    col.docs.set(id, {
      _id: id,
      bodyHash: IdempotencyStore.bodyHash('b'),
      state: 'RUNNING',
      response: null,
      lockedUntil: new Date(now.getTime() + 1_000),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    expect(await store.run('user:a', 'k', 'b', async () => ({ response: response('x'), keep: true }))).toEqual({
      conflict: expect.stringMatching(/still being executed/),
    });
    now = new Date(now.getTime() + 2_000);
    expect(await store.run('user:a', 'k', 'b', async () => ({ response: response('taken over'), keep: true }))).toEqual(
      response('taken over'),
    );
    now = new Date(now.getTime() + 86_400_000);
    expect(await store.run('user:a', 'k', 'other body, a day later', async () => ({ response: response('fresh'), keep: true }))).toEqual(
      response('fresh'),
    );
  });

  it('accepts 1 to 255 visible ASCII characters as a key', () => {
    expect(validIdempotencyKey('a')).toBe(true);
    expect(validIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(validIdempotencyKey('~!0-Za_')).toBe(true);
    for (const bad of ['', 'x'.repeat(256), 'a b', 'tab\there', '幂等', 'a\u007f']) expect(validIdempotencyKey(bad)).toBe(false);
  });

  it('tells mutations from queries, in batches and by operationName', () => {
    expect(isMutationRequest(JSON.stringify({ query: 'mutation { a }' }))).toBe(true);
    expect(isMutationRequest(JSON.stringify({ query: '{ me { id } }' }))).toBe(false);
    expect(isMutationRequest(JSON.stringify([{ query: '{ a }' }, { query: 'mutation M { b }' }]))).toBe(true);
    expect(isMutationRequest(JSON.stringify({ query: 'query Q { a } mutation M { b }', operationName: 'Q' }))).toBe(false);
    expect(isMutationRequest(JSON.stringify({ query: 'query Q { a } mutation M { b }', operationName: 'M' }))).toBe(true);
    expect(isMutationRequest('not json')).toBe(false);
  });
});
