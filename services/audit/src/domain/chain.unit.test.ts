import { createHash } from 'node:crypto';
import { ChainVerifier, GENESIS_HASH, canonicalJson, entryHash, linkEntries } from './chain';

const item = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  at: new Date(Date.UTC(2026, 11, 3, 6, 0, n)),
  actorId: 'u1',
  actorRole: 'FINANCE_CENTER' as const,
  actorOrgId: null,
  action: 'certifyEnterprise',
  targetType: 'Enterprise',
  targetId: `e${n}`,
  correlationId: 'c1',
  detail: null,
});

/** As the store holds them: the id as _id. */
const stored = (n: number) =>
  linkEntries(
    Array.from({ length: n }, (_, i) => item(i + 1)),
    null,
  ).map(({ id, ...rest }) => ({ _id: id, ...rest }) as Record<string, unknown>);

function verify(docs: Record<string, unknown>[], head: { seq: number; hash: string } | null) {
  const v = new ChainVerifier(head);
  for (const d of docs) if (!v.next(d)) break;
  return v.result();
}

describe('the audit hash chain', () => {
  it('hashes prevHash followed by the canonical JSON of every field but hash, keys sorted, dates as ISO UTC', () => {
    const [first] = linkEntries([item(1)], null);
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    const json = canonicalJson(first!);
    expect(json).toBe(
      '{"action":"certifyEnterprise","actorId":"u1","actorOrgId":null,"actorRole":"FINANCE_CENTER","at":"2026-12-03T06:00:01.000Z","correlationId":"c1","detail":null,' +
        '"id":"00000000-0000-4000-8000-000000000001","prevHash":"' +
        GENESIS_HASH +
        '","seq":1,"targetId":"e1","targetType":"Enterprise"}',
    );
    expect(Object.keys(JSON.parse(json))).toEqual([...Object.keys(JSON.parse(json))].sort());
    expect(first!.hash).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + json)
        .digest('hex'),
    );
    expect(entryHash(first!)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an intact chain and counts every entry', () => {
    const docs = stored(5);
    expect(verify(docs, { seq: 5, hash: docs[4]!.hash as string })).toEqual({ ok: true, checked: 5, firstBrokenSeq: null });
  });

  it('reports the seq of an entry whose field was changed', () => {
    const docs = stored(5);
    docs[2]!.targetId = 'someone-else';
    expect(verify(docs, { seq: 5, hash: docs[4]!.hash as string })).toEqual({ ok: false, checked: 2, firstBrokenSeq: 3 });
  });

  it('reports a removed entry, in the middle or at the end', () => {
    const docs = stored(5);
    const head = { seq: 5, hash: docs[4]!.hash as string };
    expect(verify([...docs.slice(0, 3), ...docs.slice(4)], head).firstBrokenSeq).toBe(4);
    expect(verify(docs.slice(0, 4), head).firstBrokenSeq).toBe(5);
  });

  it('reports an entry slipped in, a foreign field, and a chain rewritten up to the head', () => {
    const docs = stored(5);
    const head = { seq: 5, hash: docs[4]!.hash as string };
    const forged = { ...docs[1]!, _id: 'forged', seq: 2.5 };
    expect(verify([...docs.slice(0, 2), forged, ...docs.slice(2)], head).firstBrokenSeq).toBe(3);
    expect(
      verify(
        docs.map((d, i) => (i === 1 ? { ...d, note: 'x' } : d)),
        head,
      ).firstBrokenSeq,
    ).toBe(2);
    // Everything rewritten consistently from seq 1 (a new chain): only the head notices.
    const rewritten = linkEntries(
      Array.from({ length: 5 }, (_, i) => ({ ...item(i + 1), actorId: 'u2' })),
      null,
    ).map(({ id, ...rest }) => ({ _id: id, ...rest }));
    expect(verify(rewritten, head)).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });
});
