import type { MatchStatus } from '@yinqi/contracts';

/** What the index knows of one match: enough to find it by _id and to page a bank's inbox. */
export interface IndexedMatch {
  id: string;
  demandId: string;
  productId: string;
  bankId: string;
  status: MatchStatus;
  /** createdAt in ms since the epoch. */
  createdAt: number;
}

const STATUSES: readonly MatchStatus[] = ['PROPOSED', 'INTERESTED', 'DECLINED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'WITHDRAWN'];
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));

/** Strings to small numbers and back (ids repeat across many matches: each is stored once). */
class Interner {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  of(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.numbers.set(name, n);
    }
    return n;
  }
  find(name: string): number | undefined {
    return this.numbers.get(name);
  }
}

/** A growable column of 32-bit integers. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = v;
    this.length += 1;
  }
  grow(need: number): void {
    const next = new Int32Array(Math.max(need, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/**
 * Which matches exist, per demand and per bank, with their status — held in memory so that the hot
 * reads never filter the `matches` collection on anything but `_id` (FerretDB 1.24 serves only a
 * bare `{_id}` filter by index; everything else scans the collection, see README "Known limits").
 * A reader asks the index for match ids and then reads each document by `_id`.
 *
 * Columnar, to stay small at millions of matches: one slot per match in typed arrays (demand,
 * product and bank as interned numbers, status, createdAt, the next slot of the same demand) plus
 * one entry per match in its bank's list: about 29 bytes a match, plus each distinct demand,
 * product and bank id once (~100 bytes each). Match ids are not stored: they are derived from
 * (demandId, productId) by `idOf`.
 *
 * Built by one scan of `matches` at start (`load`), then kept current by the service's own
 * writes (insert, every status transition). Matches are written only by this service, so one
 * replica's index is complete; with several replicas each would only see its own writes (the
 * in-memory matcher has the same single-replica assumption: docs/DEPLOYMENT.md).
 */
export class MatchIndex {
  private readonly demands = new Interner();
  private readonly products = new Interner();
  private readonly banks = new Interner();
  private count = 0;
  private demandOf = new Int32Array(1024);
  private productOf = new Int32Array(1024);
  private bankOf = new Int32Array(1024);
  private nextOfDemand = new Int32Array(1024);
  private statusOf = new Uint8Array(1024);
  private createdAtOf = new Float64Array(1024);
  /** First slot of each interned demand's list (-1: none). */
  private readonly headOfDemand = new IntList(1024);
  /** Each interned bank's slots in insertion (≈ createdAt) order. */
  private readonly byBank: IntList[] = [];

  constructor(private readonly idOf: (demandId: string, productId: string) => string) {}

  get size(): number {
    return this.count;
  }

  /** Bytes held by the columns and lists (strings and maps excluded): for the memory gauge. */
  get approxBytes(): number {
    // demand, product, bank, next-of-demand: four Int32 columns of the same length.
    const cols = this.demandOf.byteLength * 4 + this.statusOf.byteLength + this.createdAtOf.byteLength;
    return cols + this.headOfDemand.data.byteLength + this.byBank.reduce((s, l) => s + l.data.byteLength, 0);
  }

  /** Adds a match, or updates the status of the pair's existing one (createdAt stays the first one's). */
  put(m: { demandId: string; productId: string; bankId: string; status: MatchStatus; createdAt: Date | number | string }): void {
    const slot = this.slotOf(m.demandId, m.productId);
    if (slot >= 0) {
      this.statusOf[slot] = STATUS_CODE.get(m.status)!;
      return;
    }
    if (this.count === this.demandOf.length) this.growColumns();
    const s = this.count;
    this.count += 1;
    const d = this.demands.of(m.demandId);
    const b = this.banks.of(m.bankId);
    while (this.headOfDemand.length <= d) this.headOfDemand.push(-1);
    this.demandOf[s] = d;
    this.productOf[s] = this.products.of(m.productId);
    this.bankOf[s] = b;
    this.statusOf[s] = STATUS_CODE.get(m.status)!;
    this.createdAtOf[s] = new Date(m.createdAt).getTime();
    this.nextOfDemand[s] = this.headOfDemand.data[d]!;
    this.headOfDemand.data[d] = s;
    while (this.byBank.length <= b) this.byBank.push(new IntList());
    this.byBank[b]!.push(s);
  }

  /** Records a status change of a match we hold; false when the index does not know the pair. */
  setStatus(demandId: string, productId: string, status: MatchStatus): boolean {
    const slot = this.slotOf(demandId, productId);
    if (slot < 0) return false;
    this.statusOf[slot] = STATUS_CODE.get(status)!;
    return true;
  }

  get(demandId: string, productId: string): IndexedMatch | undefined {
    const slot = this.slotOf(demandId, productId);
    return slot < 0 ? undefined : this.entry(slot);
  }

  /** Every match of a demand (any status), newest first. */
  ofDemand(demandId: string): IndexedMatch[] {
    const d = this.demands.find(demandId);
    const out: IndexedMatch[] = [];
    if (d === undefined) return out;
    for (let s = this.headOfDemand.data[d]!; s >= 0; s = this.nextOfDemand[s]!) out.push(this.entry(s));
    return out;
  }

  /** Every match of a product, optionally only in the given statuses: a scan of one column (rare: suspensions and publications). */
  ofProduct(productId: string, statuses?: readonly MatchStatus[]): IndexedMatch[] {
    const p = this.products.find(productId);
    const out: IndexedMatch[] = [];
    if (p === undefined) return out;
    const wanted = statuses ? new Set(statuses.map((s) => STATUS_CODE.get(s)!)) : undefined;
    const col = this.productOf;
    for (let s = 0; s < this.count; s += 1) if (col[s] === p && (!wanted || wanted.has(this.statusOf[s]!))) out.push(this.entry(s));
    return out;
  }

  /**
   * One page of a bank's matches, newest first by (createdAt, id) — the order and cursor of
   * `findPage` — and the total in that status. One pass over the bank's list from its newest end,
   * keeping the best `size + 1`.
   */
  bankPage(
    bankId: string,
    status: MatchStatus | undefined,
    after: { at: number; id: string } | null,
    size: number,
  ): { items: IndexedMatch[]; total: number; hasNextPage: boolean } {
    const b = this.banks.find(bankId);
    if (b === undefined || !this.byBank[b]) return { items: [], total: 0, hasNextPage: false };
    const list = this.byBank[b];
    const code = status === undefined ? -1 : STATUS_CODE.get(status)!;
    const ids = new Map<number, string>();
    const idAt = (s: number) => {
      let id = ids.get(s);
      if (id === undefined) ids.set(s, (id = this.idOf(this.demands.names[this.demandOf[s]!]!, this.products.names[this.productOf[s]!]!)));
      return id;
    };
    /** > 0 when slot a comes before slot b (newer, or same ms and greater id). */
    const before = (a: number, b2: number) => {
      const d = this.createdAtOf[a]! - this.createdAtOf[b2]!;
      if (d !== 0) return d;
      const ia = idAt(a);
      const ib = idAt(b2);
      return ia > ib ? 1 : ia < ib ? -1 : 0;
    };
    const keep = size + 1;
    const top: number[] = [];
    let total = 0;
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const s = list.data[i]!;
      if (code >= 0 && this.statusOf[s] !== code) continue;
      total += 1;
      if (after) {
        const at = this.createdAtOf[s]!;
        if (at > after.at || (at === after.at && idAt(s) >= after.id)) continue;
      }
      if (top.length === keep && before(s, top[keep - 1]!) <= 0) continue;
      let j = top.length === keep ? keep - 1 : top.length;
      while (j > 0 && before(s, top[j - 1]!) > 0) {
        top[j] = top[j - 1]!;
        j -= 1;
      }
      top[j] = s;
    }
    const items = top.slice(0, size).map((s) => this.entry(s, ids.get(s)));
    return { items, total, hasNextPage: top.length > size };
  }

  private entry(s: number, id?: string): IndexedMatch {
    const demandId = this.demands.names[this.demandOf[s]!]!;
    const productId = this.products.names[this.productOf[s]!]!;
    return {
      id: id ?? this.idOf(demandId, productId),
      demandId,
      productId,
      bankId: this.banks.names[this.bankOf[s]!]!,
      status: STATUSES[this.statusOf[s]!]!,
      createdAt: this.createdAtOf[s]!,
    };
  }

  private slotOf(demandId: string, productId: string): number {
    const d = this.demands.find(demandId);
    const p = this.products.find(productId);
    if (d === undefined || p === undefined || d >= this.headOfDemand.length) return -1;
    for (let s = this.headOfDemand.data[d]!; s >= 0; s = this.nextOfDemand[s]!) if (this.productOf[s] === p) return s;
    return -1;
  }

  private growColumns(): void {
    const n = this.demandOf.length * 2;
    const grow = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const next = make(n);
      next.set(a);
      return next;
    };
    this.demandOf = grow(this.demandOf, (k) => new Int32Array(k));
    this.productOf = grow(this.productOf, (k) => new Int32Array(k));
    this.bankOf = grow(this.bankOf, (k) => new Int32Array(k));
    this.nextOfDemand = grow(this.nextOfDemand, (k) => new Int32Array(k));
    this.statusOf = grow(this.statusOf, (k) => new Uint8Array(k));
    this.createdAtOf = grow(this.createdAtOf, (k) => new Float64Array(k));
  }
}
