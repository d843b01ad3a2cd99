import { createLogger } from '@yinqi/logger';
import { Appender, type ChainStore } from './append-entries';
import { ChainVerifier, linkEntries } from './chain';
import type { AppendInput, AuditEntry } from './entry';

const input = (n: number): AppendInput => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  actorId: null,
  actorRole: null,
  actorOrgId: null,
  action: 'createInstitution',
  targetType: 'Institution',
  targetId: `i-${n}`,
  correlationId: null,
  detail: null,
});

/**
 * An in-memory store with the two unique keys of the real one (seq, id) and an ordered insert that
 * stops at the first duplicate. `rival` appends entries of another process right after a tip read.
 */
function memoryStore() {
  const rows: AuditEntry[] = [];
  let rivalsLeft = 0;
  let rivalN = 1_000;
  const tip = () =>
    rows.reduce<{ seq: number; hash: string } | null>((t, r) => (!t || r.seq > t.seq ? { seq: r.seq, hash: r.hash } : t), null);
  const store: ChainStore & { rows: AuditEntry[]; rival: (n: number) => void } = {
    rows,
    rival: (n) => (rivalsLeft = n),
    async tip() {
      const t = tip();
      if (rivalsLeft > 0) {
        rivalsLeft -= 1;
        // Another replica appends between our tip read and our insert.
        const [e] = linkEntries([{ ...input((rivalN += 1)), at: new Date() }], tip());
        rows.push(e!);
      }
      return t;
    },
    async insertChain(docs) {
      for (const d of docs) {
        if (rows.some((r) => r.seq === d.seq || r.id === d.id)) return { complete: false };
        rows.push(d);
      }
      return { complete: true };
    },
    async byIds(ids) {
      return rows.filter((r) => ids.includes(r.id));
    },
    async advanceHead() {},
  };
  return store;
}

const verify = (rows: AuditEntry[]) => {
  const v = new ChainVerifier(null);
  for (const r of [...rows].sort((a, b) => a.seq - b.seq)) {
    const { id, ...rest } = r;
    v.next({ _id: id, ...rest });
  }
  return v.result();
};

describe('Appender', () => {
  it('chains a burst of concurrent appends into one gapless sequence, in batches', async () => {
    const store = memoryStore();
    const appender = new Appender({ store, logger: createLogger('t', 'silent'), maxBatch: 7 });
    const entries = (await Promise.all(Array.from({ length: 30 }, (_, i) => appender.append([input(i + 1)])))).flat();
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(verify(store.rows)).toEqual({ ok: true, checked: 30, firstBrokenSeq: null });
  });

  it('re-links what lost the seq race to another process, without gaps or forks', async () => {
    const store = memoryStore();
    const appender = new Appender({ store, logger: createLogger('t', 'silent') });
    store.rival(3);
    await appender.append([input(1), input(2), input(3)]);
    expect(appender.lostRaces).toBe(1);
    expect(store.rows).toHaveLength(6);
    expect(verify(store.rows)).toMatchObject({ ok: true, checked: 6 });
  });

  it('answers an entry already stored (a recorder retry) with the stored one, never a second copy', async () => {
    const store = memoryStore();
    const appender = new Appender({ store, logger: createLogger('t', 'silent') });
    const [first] = await appender.append([input(1)]);
    const [again, next] = await appender.append([input(1), input(2)]);
    expect(again).toEqual(first);
    expect(next!.seq).toBe(2);
    expect(store.rows).toHaveLength(2);
  });
});
