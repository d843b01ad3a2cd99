import { randomUUID } from 'node:crypto';
import { Kind, OperationTypeNode, print, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { CREDIT_TOPICS, MATCHMAKING_TOPICS, TOPICS as IDENTITY_TOPICS } from '@yinqi/contracts';
import { createKafka, ensureTopics } from '@yinqi/events';
import type { Principal } from '@yinqi/auth';
import type { Logger } from '@yinqi/logger';
import type { GatewayContext } from './context';
import { typedArgs } from './execution-args';

/**
 * Who may share a cached answer. Every scope includes the role, so no answer crosses roles; `org`
 * adds the institution or enterprise (a bank never sees another bank's answer), `user` the user.
 */
type Scope = 'role' | 'org' | 'user' | ((p: Principal, variables: Record<string, unknown>) => string);

interface CachedField {
  scope: Scope;
  /** Topics whose events change what the field shows: any event on one drops the cached answers. */
  topics: readonly string[];
}

const productScope: Scope = (p) => (p.role === 'BANK_OFFICER' ? `bank:${p.orgId}` : 'public'); // catalogueScope in the product service

/**
 * The reads most users repeat, and what their answers depend on. A query is served from the
 * cache only when every root field it selects is listed here; anything else (and every mutation
 * or subscription) goes to the services as before.
 */
export const CACHED_FIELDS: Readonly<Record<string, CachedField>> = {
  me: { scope: 'user', topics: [IDENTITY_TOPICS.user, IDENTITY_TOPICS.institution] },
  products: { scope: productScope, topics: [MATCHMAKING_TOPICS.product, IDENTITY_TOPICS.institution] },
  policy: { scope: () => 'public', topics: [CREDIT_TOPICS.policy] },
  myDemands: {
    scope: 'org',
    topics: [
      MATCHMAKING_TOPICS.demand,
      MATCHMAKING_TOPICS.match,
      MATCHMAKING_TOPICS.enterprise,
      MATCHMAKING_TOPICS.product,
      IDENTITY_TOPICS.institution,
      CREDIT_TOPICS.guarantee,
    ],
  },
  bankMatches: {
    scope: 'org',
    topics: [
      MATCHMAKING_TOPICS.match,
      MATCHMAKING_TOPICS.demand,
      MATCHMAKING_TOPICS.enterprise,
      MATCHMAKING_TOPICS.product,
      IDENTITY_TOPICS.institution,
      CREDIT_TOPICS.guarantee,
    ],
  },
  loans: { scope: 'org', topics: [CREDIT_TOPICS.loan, MATCHMAKING_TOPICS.enterprise, IDENTITY_TOPICS.institution] },
  // The monitor's read model follows every topic; its answers change with nearly every event, so
  // the time bound alone keeps them fresh (they are at most ttlMs old).
  dashboard: { scope: 'role', topics: [] },
};

const T = { ...MATCHMAKING_TOPICS, ...CREDIT_TOPICS, user: IDENTITY_TOPICS.user, institution: IDENTITY_TOPICS.institution };

/**
 * What a mutation through this gateway may change, as the topics its events go to: after it,
 * the answers depending on those topics are dropped at once (on this gateway), so the caller and
 * everyone else reading here see it on their next read. A mutation not listed drops everything.
 */
export const MUTATION_TOPICS: Readonly<Record<string, readonly string[]>> = {
  login: [],
  // A token whose session ended is refused before the cache is consulted; what these change of a
  // user (`me`: mustChangePassword, disabled, lockedUntil) is dropped here, elsewhere within the TTL.
  renewToken: [],
  logout: [],
  changePassword: [T.user],
  resetPassword: [T.user],
  setUserDisabled: [T.user],
  unlockUser: [T.user],
  registerEnterprise: [T.enterprise, T.user],
  createInstitution: [T.institution],
  createUser: [T.user],
  updateEnterpriseProfile: [T.enterprise],
  certifyEnterprise: [T.enterprise],
  postDemand: [T.demand, T.match],
  withdrawDemand: [T.demand, T.match],
  publishProduct: [T.product, T.match],
  suspendProduct: [T.product, T.match],
  respondToMatch: [T.match, T.demand],
  makeOffer: [T.match, T.demand],
  acceptOffer: [T.match, T.demand, T.guarantee],
  submitGuaranteeQuote: [T.guarantee],
  selectGuaranteeQuote: [T.guarantee, T.match],
  setPolicy: [T.policy],
  setWorkingCalendarYear: [T.policy],
  disburseLoan: [T.loan, T.match, T.demand],
  recordRepayment: [T.loan],
  recordFollowUp: [T.loan],
  requestRelief: [T.loan],
  decideRelief: [T.loan],
};

interface Entry {
  result: ExecutionResult;
  expires: number;
  bytes: number;
  topics: readonly string[];
}

export interface ResponseCacheOptions {
  /** How long an answer may be served (also the staleness bound when no event arrives): 0 turns it off. */
  ttlMs: number;
  /** Upper bound of the cached answers' JSON size, all together. */
  maxBytes: number;
  now?: () => number;
}

/**
 * The gateway's answer cache for the reads above. Fresh within `ttlMs` of any change, however it
 * happened; sooner for the changes whose events this process hears (`invalidateTopic`, fed from
 * Kafka by CacheInvalidator) and at once for every mutation through this gateway (MUTATION_TOPICS:
 * what it may change is dropped, so its caller and every other reader here see it next read).
 * Bounded by bytes; expired answers are swept.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Bumped by every invalidation; an answer computed across one that concerns it is not stored. */
  private generation = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private clearedAt = 0;
  private readonly docIds = new WeakMap<DocumentNode, string>();
  readonly stats = { hits: 0, misses: 0, stored: 0, invalidations: 0 };
  private readonly now: () => number;

  constructor(private readonly opts: ResponseCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.opts.ttlMs > 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * The cache key of an operation for this caller, or null when it is not served from the cache:
   * not a query, a root field not in CACHED_FIELDS, or no valid caller (the normal execution then
   * gives the error).
   */
  keyOf(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    ctx: GatewayContext,
  ): { key: string; topics: readonly string[] } | null {
    if (!this.enabled) return null;
    const op = operationOf(document, operationName);
    if (!op || op.operation !== OperationTypeNode.QUERY) return null;
    const fields: CachedField[] = [];
    for (const sel of op.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD || sel.directives?.length) return null;
      if (sel.name.value === '__typename') continue;
      const f = CACHED_FIELDS[sel.name.value];
      if (!f) return null;
      fields.push(f);
    }
    if (fields.length === 0) return null;
    let p: Principal;
    try {
      p = ctx.principal();
    } catch {
      return null;
    }
    // An API client's token is never answered from the cache: a hit would skip the scope guard
    // (client-scopes.ts), and a scope is not part of the key.
    if (p.scopes !== undefined) return null;
    const vars = variables ?? {};
    const scopes = fields.map((f) => scopeKey(f.scope, p, vars));
    const key = JSON.stringify([p.role, ...new Set(scopes), this.docId(document), operationName ?? null, vars]);
    return { key, topics: [...new Set(fields.flatMap((f) => f.topics))] };
  }

  get(key: string): ExecutionResult | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.stats.misses += 1;
      return undefined;
    }
    if (e.expires <= this.now()) {
      this.delete(key, e);
      this.stats.misses += 1;
      return undefined;
    }
    this.stats.hits += 1;
    return e.result;
  }

  /** A token for `set`: the answer is stored only if nothing was invalidated since it was taken. */
  begin(): number {
    return this.generation;
  }

  set(key: string, result: ExecutionResult, topics: readonly string[], since: number): void {
    if (result.errors?.length || this.clearedAt > since || topics.some((t) => (this.invalidatedAt.get(t) ?? 0) > since)) return;
    const bytes = Buffer.byteLength(JSON.stringify(result));
    if (bytes > this.opts.maxBytes / 10) return; // one huge answer must not flush the rest
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, { result, expires: this.now() + this.opts.ttlMs, bytes, topics });
    this.bytes += bytes;
    this.stats.stored += 1;
    // Oldest first out (a Map iterates in insertion order).
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.delete(k, e);
    }
  }

  /** An event arrived on `topic`: drops every answer that depends on it. */
  invalidateTopic(topic: string): void {
    this.invalidateTopics([topic]);
  }

  /** Drops every answer that depends on one of `topics`. */
  invalidateTopics(topics: readonly string[]): void {
    this.generation += 1;
    this.stats.invalidations += 1;
    for (const t of topics) this.invalidatedAt.set(t, this.generation);
    for (const [k, e] of this.entries) if (e.topics.some((t) => topics.includes(t))) this.delete(k, e);
  }

  /** After (and before) a mutation: drops what its root fields may change; everything for one not in MUTATION_TOPICS. */
  invalidateForMutation(op: OperationDefinitionNode): void {
    const topics: string[] = [];
    for (const sel of op.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD) return this.clear();
      if (sel.name.value === '__typename') continue;
      const t = MUTATION_TOPICS[sel.name.value];
      if (!t) return this.clear();
      topics.push(...t);
    }
    if (topics.length > 0) this.invalidateTopics(topics);
  }

  /** Drops everything (after a mutation through this gateway). */
  clear(): void {
    this.generation += 1;
    this.clearedAt = this.generation;
    this.stats.invalidations += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  /** Removes expired answers, so memory returns to idle when the load stops. */
  sweep(): void {
    const t = this.now();
    for (const [k, e] of this.entries) if (e.expires <= t) this.delete(k, e);
  }

  private delete(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }

  private docId(document: DocumentNode): string {
    let id = this.docIds.get(document);
    if (id === undefined) {
      id = print(document);
      this.docIds.set(document, id);
    }
    return id;
  }
}

function scopeKey(scope: Scope, p: Principal, variables: Record<string, unknown>): string {
  if (scope === 'role') return 'role';
  if (scope === 'org') return `org:${p.orgId ?? `user:${p.userId}`}`;
  if (scope === 'user') return `user:${p.userId}`;
  return scope(p, variables);
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName);
  return ops.length === 1 ? ops[0] : undefined;
}

/** The yoga plugin: answers cached reads, stores new answers, and drops everything after a mutation. */
export function useResponseCache(cache: ResponseCache): Plugin<GatewayContext> {
  return {
    onExecute({ args: untyped, setResultAndStopExecution }) {
      if (!cache.enabled) return undefined;
      const args = typedArgs<GatewayContext>(untyped);
      const op = operationOf(args.document, args.operationName);
      if (op?.operation === OperationTypeNode.MUTATION) {
        // Before and after: an answer computed while the mutation ran is not stored either.
        cache.invalidateForMutation(op);
        return { onExecuteDone: () => cache.invalidateForMutation(op) };
      }
      const k = cache.keyOf(args.document, args.operationName, args.variableValues ?? undefined, args.contextValue);
      if (!k) return undefined;
      const hit = cache.get(k.key);
      if (hit) {
        setResultAndStopExecution(hit);
        return undefined;
      }
      const since = cache.begin();
      return {
        onExecuteDone: ({ result }) => {
          if (!isAsyncIterable(result)) cache.set(k.key, result, k.topics, since);
        },
      };
    },
  };
}

const isAsyncIterable = (x: unknown): x is AsyncIterable<unknown> => typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/**
 * Hears every event on the topics the cached fields depend on (its own consumer group per
 * process, from the latest offset: a cache only needs what happens from now on) and drops the
 * answers that depend on them.
 */
export class CacheInvalidator {
  private consumer: ReturnType<ReturnType<typeof createKafka>['consumer']> | undefined;

  constructor(private readonly opts: { brokers: string[]; logger: Logger; cache: ResponseCache }) {}

  async start(): Promise<void> {
    if (!this.opts.cache.enabled) return;
    const topics = [...new Set(Object.values(CACHED_FIELDS).flatMap((f) => f.topics))];
    const kafka = createKafka({ brokers: this.opts.brokers, clientId: 'yinqi-gateway-cache', logger: this.opts.logger });
    await ensureTopics(kafka, topics);
    this.consumer = kafka.consumer({ groupId: `gateway-cache-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: false });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        if (batch.messages.length > 0) this.opts.cache.invalidateTopic(batch.topic);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
