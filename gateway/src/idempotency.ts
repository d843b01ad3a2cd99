import { createHash } from 'node:crypto';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';

/** What a repeat gets back: the first request's answer, byte for byte. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

/** The native collection operations the store needs (a MongoDB collection satisfies it). */
export interface IdempotencyCollection {
  insertOne(doc: IdempotencyRecord): Promise<unknown>;
  findOne(filter: Record<string, unknown>): Promise<IdempotencyRecord | null>;
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): Promise<{ modifiedCount: number }>;
  deleteOne(filter: Record<string, unknown>): Promise<unknown>;
}

export interface IdempotencyRecord {
  /** sha256(caller, key): one record per caller and key, the unique _id settles races between replicas. */
  _id: string;
  bodyHash: string;
  state: 'RUNNING' | 'DONE';
  response: StoredResponse | null;
  /** A RUNNING record whose owner has not finished by then (it crashed) may be taken over. */
  lockedUntil: Date;
  createdAt: Date;
  /** Kept 24 hours; a TTL index removes it on MongoDB, and an expired record counts as absent everywhere. */
  expiresAt: Date;
}

export type Begin = { kind: 'execute' } | { kind: 'replay'; response: StoredResponse } | { kind: 'conflict'; message: string };

/** `Idempotency-Key`: 1…255 visible ASCII characters (API-CONTRACT-OPEN.md "Idempotent retries"). */
export const validIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);

/**
 * Whether a GraphQL-over-HTTP body asks for a mutation (any operation of a batch). A body that does
 * not parse is not one: yoga answers it with its own error, and nothing executes.
 */
export function isMutationRequest(raw: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return false;
  }
  const ops = Array.isArray(body) ? body : [body];
  return ops.some((op) => {
    const { query, operationName } = (op ?? {}) as { query?: unknown; operationName?: unknown };
    if (typeof query !== 'string') return false;
    try {
      const defs = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const chosen =
        typeof operationName === 'string' ? defs.filter((d) => d.name?.value === operationName) : defs.length === 1 ? defs : [];
      return chosen.some((d) => d.operation === OperationTypeNode.MUTATION);
    } catch {
      return false;
    }
  });
}

export interface IdempotencyOptions {
  ttlMs?: number;
  /** How long a running first request holds its key before another may take it over. */
  lockMs?: number;
  /** How long a repeat waits for the first request's answer before it gives up (CONFLICT). */
  waitMs?: number;
  pollMs?: number;
  now?: () => Date;
}

/**
 * Idempotency records, shared by every gateway replica through the store. The first request with
 * a key inserts a RUNNING record (the unique _id lets exactly one of any number of concurrent
 * requests, on any replica, win), executes, and stores its answer; a repeat with the same body
 * waits for that answer or gets it; a different body is CONFLICT. Requests on one replica also
 * wait on the first one's promise directly, without polling.
 */
export class IdempotencyStore {
  private readonly ttlMs: number;
  private readonly lockMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly now: () => Date;
  private readonly local = new Map<string, { bodyHash: string; done: Promise<StoredResponse | undefined> }>();

  constructor(
    private readonly collection: () => IdempotencyCollection,
    opts: IdempotencyOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 24 * 3_600_000;
    this.lockMs = opts.lockMs ?? 60_000;
    this.waitMs = opts.waitMs ?? 30_000;
    this.pollMs = opts.pollMs ?? 50;
    this.now = opts.now ?? (() => new Date());
  }

  static recordId(caller: string, key: string): string {
    return createHash('sha256').update(`${caller}\u0000${key}`).digest('hex');
  }

  static bodyHash(raw: string): string {
    return createHash('sha256').update(raw).digest('hex');
  }

  /**
   * Runs `execute` once per (caller, key) within the TTL and answers every request with its
   * response. `execute` answers undefined for a response that must not be kept (a retriable
   * failure): the key is released and the next repeat executes afresh.
   */
  async run(
    caller: string,
    key: string,
    rawBody: string,
    execute: () => Promise<{ response: StoredResponse; keep: boolean }>,
  ): Promise<StoredResponse | { conflict: string }> {
    const id = IdempotencyStore.recordId(caller, key);
    const bodyHash = IdempotencyStore.bodyHash(rawBody);
    const mine = this.local.get(id);
    if (mine) {
      if (mine.bodyHash !== bodyHash) return { conflict: 'This Idempotency-Key was used with a different request body' };
      const answer = await mine.done;
      if (answer) return answer;
    }
    const begin = await this.begin(id, bodyHash);
    if (begin.kind === 'conflict') return { conflict: begin.message };
    if (begin.kind === 'replay') return begin.response;
    let settle!: (r: StoredResponse | undefined) => void;
    const done = new Promise<StoredResponse | undefined>((r) => (settle = r));
    this.local.set(id, { bodyHash, done });
    try {
      const { response, keep } = await execute();
      if (keep) await this.collection().updateOne({ _id: id }, { $set: { state: 'DONE', response } });
      else await this.collection().deleteOne({ _id: id, state: 'RUNNING' });
      settle(keep ? response : undefined);
      return response;
    } catch (err) {
      await this.collection()
        .deleteOne({ _id: id, state: 'RUNNING' })
        .catch(() => undefined);
      settle(undefined);
      throw err;
    } finally {
      this.local.delete(id);
    }
  }

  private async begin(id: string, bodyHash: string): Promise<Begin> {
    const deadline = this.now().getTime() + this.waitMs;
    for (;;) {
      const now = this.now();
      try {
        await this.collection().insertOne({
          _id: id,
          bodyHash,
          state: 'RUNNING',
          response: null,
          lockedUntil: new Date(now.getTime() + this.lockMs),
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.ttlMs),
        });
        return { kind: 'execute' };
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
      }
      const rec = await this.collection().findOne({ _id: id });
      if (!rec) continue; // released or expired meanwhile: try to be first again
      if (new Date(rec.expiresAt).getTime() <= now.getTime()) {
        await this.collection().deleteOne({ _id: id, expiresAt: rec.expiresAt });
        continue;
      }
      if (rec.bodyHash !== bodyHash) return { kind: 'conflict', message: 'This Idempotency-Key was used with a different request body' };
      if (rec.state === 'DONE' && rec.response) return { kind: 'replay', response: rec.response };
      if (new Date(rec.lockedUntil).getTime() <= now.getTime()) {
        // The first request's gateway died before answering: this one takes the key over.
        const took = await this.collection().updateOne(
          { _id: id, state: 'RUNNING', lockedUntil: rec.lockedUntil },
          { $set: { lockedUntil: new Date(now.getTime() + this.lockMs) } },
        );
        if (took.modifiedCount === 1) return { kind: 'execute' };
        continue;
      }
      if (now.getTime() >= deadline)
        return { kind: 'conflict', message: 'A request with this Idempotency-Key is still being executed; retry later' };
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}
