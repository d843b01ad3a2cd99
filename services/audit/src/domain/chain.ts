import { createHash } from 'node:crypto';
import type { AuditEntry } from './entry';

/** prevHash of seq 1. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields an entry's hash covers: every field of the entry but `hash` itself. A stored field
 * outside this list (and `_id`, `hash`) means the document was edited behind the platform's back.
 */
export const HASHED_FIELDS = [
  'action',
  'actorId',
  'actorOrgId',
  'actorRole',
  'at',
  'correlationId',
  'detail',
  'id',
  'prevHash',
  'seq',
  'targetId',
  'targetType',
] as const;

const STORED_FIELDS = new Set<string>(['_id', 'hash', ...HASHED_FIELDS.filter((f) => f !== 'id')]);

type Hashed = Pick<AuditEntry, (typeof HASHED_FIELDS)[number]>;

/**
 * The entry's canonical JSON: exactly HASHED_FIELDS, keys in that (sorted) order, no whitespace,
 * strings as JSON.stringify writes them (UTF-8, minimal escapes), `seq` as an integer, `at` as
 * `Date.toISOString()` (UTC, milliseconds, `Z`), an absent value as `null`. Built by hand rather
 * than by stringifying the object so a field's order or presence can never depend on how the
 * document came back from the database.
 */
export function canonicalJson(e: Hashed): string {
  const values: Record<(typeof HASHED_FIELDS)[number], unknown> = {
    action: e.action,
    actorId: e.actorId,
    actorOrgId: e.actorOrgId,
    actorRole: e.actorRole,
    at: e.at instanceof Date ? e.at.toISOString() : e.at,
    correlationId: e.correlationId,
    detail: e.detail,
    id: e.id,
    prevHash: e.prevHash,
    seq: e.seq,
    targetId: e.targetId,
    targetType: e.targetType,
  };
  return `{${HASHED_FIELDS.map((k) => `${JSON.stringify(k)}:${JSON.stringify(values[k] ?? null)}`).join(',')}}`;
}

/** hash = lowercase hex SHA-256 of prevHash followed by the canonical JSON (API-CONTRACT-ACCOUNTS.md). */
export function entryHash(e: Hashed): string {
  return createHash('sha256').update(e.prevHash, 'utf8').update(canonicalJson(e), 'utf8').digest('hex');
}

export interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

/**
 * Walks stored entries in seq order and recomputes the chain, stopping at the first break. An
 * entry is broken when its seq is not the next one (one was removed, or one slipped in with an odd
 * seq), its prevHash is not the previous entry's hash, its hash is not what its fields give, or it
 * carries fields the platform never writes. `head` is the appenders' own record of the last seq they
 * wrote and its hash: a chain that ends before it lost entries at the end, and a head entry whose
 * hash differs was rewritten together with everything before it.
 */
export class ChainVerifier {
  private expected = 1;
  private prev = GENESIS_HASH;
  private broken: number | null = null;
  private intact = 0;
  private headHashSeen: string | null = null;

  constructor(private readonly head: { seq: number; hash: string } | null) {}

  /** Feeds the next stored document (in seq order); false once the chain is broken (stop reading). */
  next(doc: Record<string, unknown>): boolean {
    if (this.broken !== null) return false;
    const seq = doc.seq;
    if (seq !== this.expected) return this.fail(this.expected);
    // The id is stored as `_id`; any other field than those written (an `id` field included) is foreign.
    const unknown = Object.keys(doc).some((k) => !STORED_FIELDS.has(k));
    const asEntry = { ...doc, id: doc._id } as unknown as Hashed;
    if (
      unknown ||
      doc.prevHash !== this.prev ||
      typeof doc.hash !== 'string' ||
      !(doc.at instanceof Date) ||
      entryHash(asEntry) !== doc.hash
    )
      return this.fail(this.expected);
    if (this.head && seq === this.head.seq) this.headHashSeen = doc.hash;
    this.prev = doc.hash;
    this.expected += 1;
    this.intact += 1;
    return true;
  }

  result(): Verification {
    if (this.broken === null && this.head && this.head.seq >= this.expected) this.fail(this.expected);
    if (this.broken === null && this.head && this.head.seq > 0 && this.headHashSeen !== this.head.hash) this.fail(this.head.seq);
    return { ok: this.broken === null, checked: this.intact, firstBrokenSeq: this.broken };
  }

  private fail(seq: number): false {
    this.broken = seq;
    return false;
  }
}

/** Links new entries onto the chain's tip: consecutive seqs, each one's prevHash the previous hash. */
export function linkEntries<T extends Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>>(
  items: T[],
  tip: { seq: number; hash: string } | null,
): (T & { seq: number; prevHash: string; hash: string })[] {
  let seq = tip?.seq ?? 0;
  let prevHash = tip?.hash ?? GENESIS_HASH;
  return items.map((item) => {
    seq += 1;
    const linked = { ...item, seq, prevHash, hash: '' };
    linked.hash = entryHash(linked);
    prevHash = linked.hash;
    return linked;
  });
}
