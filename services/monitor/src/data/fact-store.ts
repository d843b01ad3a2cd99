import type { Connection } from '@yinqi/db';
import { FACT_KINDS, type FactChange, type FactKind, type FactTypes } from '../domain/facts';

/** Collection of each kind of fact: one document per aggregate, keyed by `_id` (the only filter FerretDB indexes). */
export const factCollection = (kind: FactKind) => `monitor_${kind}`;
const META = 'monitor_meta';

interface MetaDoc {
  _id: string;
  n: number;
  /** True from the start of a rebuild until its facts are all stored. */
  rebuilding?: boolean;
}

/** Facts per insertMany: FerretDB wedges on one command of 100+ statements (README "Known limits"). */
const INSERT_BATCH = 90;

/**
 * Persistence of the read model. Writes are whole-document upserts by `_id`, issued only after the
 * projection decided the event is newer than what it holds (the projection was loaded from these
 * documents at start and the monitor is their only writer), so re-delivery writes nothing.
 */
export function factStore(db: Connection) {
  const coll = <K extends FactKind>(kind: K) => db.db!.collection<FactTypes[K]>(factCollection(kind));
  return {
    /** Every stored fact, kind by kind (a full read: only at start-up). */
    async *loadAll(): AsyncGenerator<FactChange> {
      for (const kind of FACT_KINDS) {
        for await (const fact of coll(kind).find({})) yield { kind, fact } as FactChange;
      }
    },

    async write(changes: FactChange[]): Promise<void> {
      for (const c of changes) {
        // replaceOne with a bare {_id} filter: indexed on FerretDB, atomic on MongoDB.
        await coll(c.kind).replaceOne({ _id: c.fact._id }, c.fact, { upsert: true });
      }
    },

    /**
     * Stores facts into emptied collections (the end of a rebuild): insertMany in batches, about
     * forty times faster on FerretDB than one upsert per fact.
     */
    async insertAll(changes: Iterable<FactChange>): Promise<number> {
      const batches = new Map<FactKind, FactTypes[FactKind][]>();
      let n = 0;
      const flush = async (kind: FactKind) => {
        const docs = batches.get(kind);
        if (docs?.length) await coll(kind).insertMany(docs as never[], { ordered: false });
        batches.set(kind, []);
      };
      for (const c of changes) {
        const list = batches.get(c.kind) ?? [];
        list.push(c.fact);
        batches.set(c.kind, list);
        n += 1;
        if (list.length >= INSERT_BATCH) await flush(c.kind);
      }
      for (const kind of batches.keys()) await flush(kind);
      return n;
    },

    /** Empties every fact collection (a rebuild); never drops the database (README "Known limits"). */
    async clearAll(): Promise<void> {
      for (const kind of FACT_KINDS) await coll(kind).deleteMany({});
    },
    ...generationStore(db),
  };
}

/** The consumer generation and whether a rebuild is under way, in the one meta document. */
function generationStore(db: Connection) {
  const meta = () => db.db!.collection<MetaDoc>(META);
  return {
    /** The consumer generation: each rebuild starts a new one, i.e. a fresh consumer group. */
    async generation(): Promise<number> {
      return (await meta().findOne({ _id: 'generation' }))?.n ?? 1;
    },

    async setGeneration(n: number, rebuilding = false): Promise<void> {
      await meta().replaceOne({ _id: 'generation' }, { n, rebuilding }, { upsert: true });
    },

    /** Whether a rebuild began and did not finish storing its facts (a crash): start it again. */
    async rebuildPending(): Promise<boolean> {
      return (await meta().findOne({ _id: 'generation' }))?.rebuilding === true;
    },
  };
}
