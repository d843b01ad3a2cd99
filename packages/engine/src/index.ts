/**
 * The rule machinery shared by every kind of matching (loans: demand × product; equity: round ×
 * fund mandate). A matcher is a list of named rules; evaluating a pair records, for every rule,
 * whether it passed and why — the reasons both sides see. Candidates come from a `BitsetIndex`
 * so that evaluation only runs on pairs that can pass the categorical rules.
 */
export interface RuleResult {
  rule: string;
  passed: boolean;
  detail: string;
}

export interface Rule<S, C> {
  name: string;
  check: (subject: S, candidate: C) => { passed: boolean; detail: string };
}

export interface Evaluation {
  eligible: boolean;
  reasons: RuleResult[];
}

/** Runs every rule (not just until the first failure): the reasons list is complete either way. */
export function evaluate<S, C>(rules: readonly Rule<S, C>[], subject: S, candidate: C): Evaluation {
  const reasons = rules.map((r) => ({ rule: r.name, ...r.check(subject, candidate) }));
  return { eligible: reasons.every((r) => r.passed), reasons };
}

/** "Empty list means any": the shared rule of every list-valued criterion in the contract. */
export function listAllows<T>(list: readonly T[], value: T): boolean {
  return list.length === 0 || list.includes(value);
}

/** A growable bitset over slot numbers. */
export class Bitset {
  words: Uint32Array;
  constructor(capacity = 1024) {
    this.words = new Uint32Array(Math.ceil(capacity / 32));
  }
  private ensure(slot: number) {
    const need = (slot >>> 5) + 1;
    if (need > this.words.length) this.grow(Math.max(need, this.words.length * 2) * 32);
  }
  /** Makes room for at least `bits` slots (never shrinks). */
  grow(bits: number) {
    const need = Math.ceil(bits / 32);
    if (need <= this.words.length) return;
    const next = new Uint32Array(need);
    next.set(this.words);
    this.words = next;
  }
  set(slot: number) {
    this.ensure(slot);
    this.words[slot >>> 5]! |= 1 << (slot & 31);
  }
  clear(slot: number) {
    if (slot >>> 5 < this.words.length) this.words[slot >>> 5]! &= ~(1 << (slot & 31));
  }
  has(slot: number): boolean {
    return slot >>> 5 < this.words.length && (this.words[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }
}

/**
 * An inverted index over candidates. Each candidate occupies a slot; for each dimension (e.g.
 * "purpose") and each value, a bitset holds the candidates that accept that value — including
 * those whose list is empty ("any"), kept in a per-dimension wildcard bitset. A query ANDs one
 * bitset per dimension word by word and yields the surviving slots: 100,000 candidates are
 * about 3,100 words per bitset, so the categorical filter costs microseconds, not a scan of
 * objects. Every bitset of an index has the same length (grown together), so the query loop
 * never reads past the end of a typed array (which V8 handles on a slow path).
 *
 * Slots are stable while an item stays in the index and are reused after removal: a caller may
 * keep per-slot columns (e.g. numeric ranges in typed arrays) next to the index, see `upsert`.
 */
export class BitsetIndex<T> {
  private readonly items: (T | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private words = 32;
  private readonly live = new Bitset(32 * 32);
  private readonly dims = new Map<string, { any: Bitset; byValue: Map<string, Bitset> }>();
  /** All zeros, the length of every bitset: stands for a value no item names. */
  private none = new Bitset(32 * 32);

  constructor(
    private readonly idOf: (item: T) => string,
    /** For each dimension, the values the item accepts; an empty array means "any". */
    private readonly dimensionsOf: (item: T) => Record<string, readonly string[]>,
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  get(id: string): T | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.items[slot];
  }

  /** The item in a slot (as passed to `forEachMatchingSlot`). */
  itemAt(slot: number): T | undefined {
    return this.items[slot];
  }

  /** Adds or replaces an item; returns its slot. */
  upsert(item: T): number {
    const id = this.idOf(item);
    this.remove(id);
    const slot = this.free.pop() ?? this.items.length;
    this.ensureSlot(slot);
    this.items[slot] = item;
    this.slotOf.set(id, slot);
    this.live.set(slot);
    for (const [dim, values] of Object.entries(this.dimensionsOf(item))) {
      const d = this.dimension(dim);
      if (values.length === 0) d.any.set(slot);
      for (const v of values) {
        let b = d.byValue.get(v);
        if (!b) d.byValue.set(v, (b = new Bitset(this.words * 32)));
        b.set(slot);
      }
    }
    return slot;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const item = this.items[slot]!;
    for (const [dim, values] of Object.entries(this.dimensionsOf(item))) {
      const d = this.dimension(dim);
      d.any.clear(slot);
      for (const v of values) d.byValue.get(v)?.clear(slot);
    }
    this.live.clear(slot);
    this.items[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
  }

  /** Items that accept, in every given dimension, the given value (or any value), as an array. */
  query(values: Record<string, string>): T[] {
    const out: T[] = [];
    this.forEachMatching(values, (item) => out.push(item));
    return out;
  }

  /**
   * Calls `visit` for each item that accepts, in every given dimension, the given value (or
   * accepts any value). Dimensions not named are not filtered. A callback, not a generator:
   * on 100,000 candidates the generator protocol alone costs milliseconds.
   */
  forEachMatching(values: Record<string, string>, visit: (item: T) => void): void {
    const items = this.items;
    this.forEachMatchingSlot(values, (slot) => visit(items[slot]!));
  }

  /** As `forEachMatching`, with the slot of each surviving item (for callers with per-slot columns). */
  forEachMatchingSlot(values: Record<string, string>, visit: (slot: number) => void): void {
    const any: Uint32Array[] = [];
    const exact: Uint32Array[] = [];
    for (const dim in values) {
      const d = this.dimension(dim);
      any.push(d.any.words);
      exact.push((d.byValue.get(values[dim]!) ?? this.none).words);
    }
    const n = any.length;
    const live = this.live.words;
    const words = this.words;
    for (let w = 0; w < words; w += 1) {
      let bits = live[w]!;
      for (let k = 0; k < n && bits !== 0; k += 1) bits &= any[k]![w]! | exact[k]![w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        visit((w << 5) + (31 - Math.clz32(low)));
      }
    }
  }

  *all(): Generator<T> {
    for (const item of this.items) if (item !== undefined) yield item;
  }

  /** Grows every bitset together so that `slot` fits. */
  private ensureSlot(slot: number): void {
    const need = (slot >>> 5) + 1;
    if (need <= this.words) return;
    this.words = Math.max(need, this.words * 2);
    const bits = this.words * 32;
    this.live.grow(bits);
    this.none = new Bitset(bits);
    for (const d of this.dims.values()) {
      d.any.grow(bits);
      for (const b of d.byValue.values()) b.grow(bits);
    }
  }

  private dimension(name: string) {
    let d = this.dims.get(name);
    if (!d) this.dims.set(name, (d = { any: new Bitset(this.words * 32), byValue: new Map() }));
    return d;
  }
}
export * from './money';
