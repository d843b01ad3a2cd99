import type { EventEnvelope } from '@yinqi/contracts';
import type { FactChange } from './facts';

/** Where the facts are stored (data/fact-store.ts). */
export interface FactStorePort {
  loadAll(): AsyncIterable<FactChange>;
  write(changes: FactChange[]): Promise<void>;
  insertAll(changes: Iterable<FactChange>): Promise<number>;
  clearAll(): Promise<void>;
  generation(): Promise<number>;
  setGeneration(n: number, rebuilding?: boolean): Promise<void>;
  rebuildPending(): Promise<boolean>;
}

/** A running consumer of every topic the monitor reads, in one consumer group. */
export interface ConsumerPort {
  stop(): Promise<void>;
}

/** Starts a consumer in the group of generation `n`, feeding `handle`; resolves once it has joined. */
export type StartConsumer = (generation: number, handle: (e: EventEnvelope) => Promise<void>) => Promise<ConsumerPort>;

/** Kafka offsets of the topics, to know when a fresh consumer group has read everything. */
export interface OffsetsPort {
  /** End offsets (and log-start offsets) of every partition of the monitor's topics. */
  ends(): Promise<{ topic: string; partition: number; low: number; high: number }[]>;
  /** Committed offsets of a generation's group, by `topic:partition`. */
  committed(generation: number): Promise<Map<string, number>>;
}

export interface RebuildResult {
  generation: number;
  /** Messages in the topics when the rebuild began (what the new group had to read). */
  events: number;
  ms: number;
  facts: number;
}
