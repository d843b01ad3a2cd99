import type { EnterpriseSnapshot, EventEnvelope } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type {
  AggregateRecord,
  BondRecord,
  CandidateRecord,
  EnterpriseCopy,
  FundMatchRecord,
  MandateRecord,
  RoadshowRecord,
  RoundRecord,
  Stored,
} from './records';

export interface PageArgs {
  first?: unknown;
  after?: unknown;
}

/**
 * Reads and writes of one aggregate collection: reads by _id, inserts settled by the unique _id,
 * and optimistic single-document updates that append the change's event to the outbox in the
 * same write (data/repository.ts implements it on mongoose).
 */
export interface AggregateStore<R extends AggregateRecord> {
  find(id: string): Promise<Stored<R> | null>;
  /** Equality filters only; use findIn for a set of values. */
  findMany(filter: Record<string, string | number>): Promise<Stored<R>[]>;
  findIn(field: string, values: string[]): Promise<Stored<R>[]>;
  /** Inserts a new aggregate with its first event(s); false when the _id is taken. */
  insert(record: R): Promise<boolean>;
  /** Applies `set` and appends `event` only if the aggregate is still at `version`; false otherwise. */
  update(id: string, version: number, set: Partial<R>, event: EventEnvelope): Promise<boolean>;
  /** Newest first, by createdAt then _id. */
  page<T>(filter: Record<string, unknown>, args: PageArgs, toNode: (r: Stored<R>) => T): Promise<Page<T>>;
  all(): Promise<Stored<R>[]>;
}

/** Roadshows before or after a moment, for the `upcoming` filter. */
export interface StartFilter {
  upcoming: boolean;
  at: Date;
}

/** Everything the capital use-cases read and write. */
export interface CapitalRepository {
  candidates: AggregateStore<CandidateRecord>;
  bonds: AggregateStore<BondRecord>;
  rounds: AggregateStore<RoundRecord>;
  mandates: AggregateStore<MandateRecord>;
  matches: AggregateStore<FundMatchRecord>;
  roadshows: AggregateStore<RoadshowRecord> & {
    /** A page of roadshows, all or only those starting at/after (`upcoming`) or before `at`. */
    pageByStart<T>(start: StartFilter | undefined, args: PageArgs, toNode: (r: Stored<RoadshowRecord>) => T): Promise<Page<T>>;
  };
  /** Stores an enterprise copy if this version is newer; false when already seen. */
  saveEnterprise(e: EnterpriseSnapshot & { uscc?: string }, version: number): Promise<boolean>;
  findEnterprise(id: string): Promise<EnterpriseCopy | null>;
  findEnterprises(ids: string[]): Promise<EnterpriseCopy[]>;
  allEnterprises(): Promise<EnterpriseCopy[]>;
}
