import mongoose, { type Connection } from 'mongoose';
import { badInput } from '@yinqi/errors';
import type { Logger } from '@yinqi/logger';

// Defence in depth: a filter value like {"$gt": ""} that slipped past validation is treated as
// data, never as an operator. Code that means an operator wraps it in mongoose.trusted().
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
mongoose.set('autoIndex', true);

export { mongoose };
export type { Connection };

export interface ConnectOptions {
  url: string;
  dbName: string;
  logger?: Logger;
  /** Give up after this long (the launcher starts the database first; this covers restarts). */
  timeoutMs?: number;
  /** Told of every database command as it completes (for the latency histogram in /metrics). */
  onCommand?: (command: string, ms: number, ok: boolean) => void;
}

/**
 * Opens a connection to the service's own database, retrying while the server is not up yet.
 * Each service owns one database; no service opens another's.
 */
export async function connectDatabase({ url, dbName, logger, timeoutMs = 60_000, onCommand }: ConnectOptions): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const conn = mongoose.createConnection(url, {
      dbName,
      serverSelectionTimeoutMS: 3_000,
      maxPoolSize: 20,
      // FerretDB has no sessions or retryable writes; real MongoDB tolerates this setting too.
      retryWrites: false,
      monitorCommands: Boolean(process.env.YINQI_DB_STATS) || Boolean(onCommand),
    });
    try {
      await conn.asPromise();
      if (process.env.YINQI_DB_STATS && logger) logCommandStats(conn, logger);
      if (onCommand) {
        const client = conn.getClient();
        client.on('commandSucceeded', (e) => onCommand(e.commandName, e.duration, true));
        client.on('commandFailed', (e) => onCommand(e.commandName, e.duration, false));
      }
      logger?.info({ dbName, attempt }, 'database connected');
      return conn;
    } catch (err) {
      await conn.close().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`cannot reach MongoDB at ${redact(url)}: ${(err as Error).message}`);
      logger?.warn({ attempt, err: (err as Error).message }, 'database not reachable yet, retrying');
      await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2_000)));
    }
  }
}

/**
 * Diagnostics (YINQI_DB_STATS=1): every 10 s, the database commands of the last 10 s by command,
 * collection and filter shape (keys only), with count and total/max milliseconds — to see which
 * queries a load spends the database on.
 */
function logCommandStats(conn: mongoose.Connection, logger: NonNullable<ConnectOptions['logger']>): void {
  const started = new Map<number, { key: string; at: number }>();
  let stats = new Map<string, { n: number; ms: number; max: number }>();
  const shape = (v: unknown): string =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? `{${Object.keys(v)
          .map(
            (k) =>
              `${k}${k.startsWith('$') || typeof (v as Record<string, unknown>)[k] === 'object' ? `:${shape((v as Record<string, unknown>)[k])}` : ''}`,
          )
          .join(',')}}`
      : '';
  const client = conn.getClient();
  client.on('commandStarted', (e) => {
    const cmd = e.command as Record<string, unknown>;
    const target = cmd[e.commandName];
    const coll = typeof target === 'string' || typeof target === 'number' ? String(target) : '';
    const filter =
      cmd.filter ??
      (Array.isArray(cmd.updates) ? (cmd.updates[0] as { q?: unknown })?.q : undefined) ??
      (Array.isArray(cmd.deletes) ? (cmd.deletes[0] as { q?: unknown })?.q : undefined);
    const n = Array.isArray(cmd.updates) ? `×${cmd.updates.length}` : Array.isArray(cmd.documents) ? `×${cmd.documents.length}` : '';
    started.set(e.requestId, { key: `${e.commandName} ${coll}${n ? ` ${n}` : ''} ${shape(filter)}`, at: performance.now() });
  });
  const done = (e: { requestId: number }) => {
    const s = started.get(e.requestId);
    if (!s) return;
    started.delete(e.requestId);
    const ms = performance.now() - s.at;
    const cur = stats.get(s.key) ?? { n: 0, ms: 0, max: 0 };
    cur.n += 1;
    cur.ms += ms;
    cur.max = Math.max(cur.max, ms);
    stats.set(s.key, cur);
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  const timer = setInterval(() => {
    if (stats.size === 0) return;
    const top = [...stats]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 15)
      .map(([k, v]) => `${v.n} × ${k}: ${Math.round(v.ms)} ms (max ${Math.round(v.max)})`);
    logger.info({ dbStats: top }, 'database commands in the last 10 s');
    stats = new Map();
  }, 10_000);
  timer.unref();
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/** Mongo duplicate-key error (unique index), the way we detect a lost race or a retry. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Inserts a new document (an aggregate with its first events): false when its unique key exists
 * already (the same aggregate created by a retry, another replica or an earlier start).
 */
export async function insertOnce(collection: mongoose.Collection, doc: object): Promise<boolean> {
  try {
    await collection.insertOne(doc as never);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * The optimistic write of an aggregate: sets the change, bumps the version and pushes `push` (its
 * events into `outbox`, and whatever else is appended with them), only if the document is still at
 * `version`. False when someone else wrote first: the caller re-reads and decides again.
 */
export async function updateAtVersion(
  collection: mongoose.Collection,
  id: string,
  version: number,
  set: object,
  push: Record<string, unknown>,
): Promise<boolean> {
  const res = await collection.updateOne({ _id: id, version } as never, { $set: { ...set, version: version + 1 }, $push: push } as never);
  return res.modifiedCount === 1;
}

/** Which unique index a duplicate-key error hit, when the server says (MongoDB and FerretDB differ). */
export function duplicateKeyField(err: unknown): string | undefined {
  const e = err as { keyPattern?: Record<string, unknown>; keyValue?: Record<string, unknown>; message?: string };
  const fromPattern = e.keyPattern ? Object.keys(e.keyPattern)[0] : undefined;
  if (fromPattern) return fromPattern;
  const fromValue = e.keyValue ? Object.keys(e.keyValue)[0] : undefined;
  if (fromValue) return fromValue;
  const m = /index: (\w+?)_1/.exec(e.message ?? '');
  return m?.[1];
}

/** Opaque cursor for keyset pagination over (createdAt, _id). */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string' || typeof p === 'number') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `outbox` array of an aggregate document: events written in the same single-document write
 * as the change they report, removed by the relay once published.
 */
export function outboxPath<E>(): mongoose.SchemaDefinitionProperty<E[]> {
  // Stored as Mixed: mongoose's typings reject a Mixed array on a typed field, hence the cast; the
  // events' shape is checked against the contracts when they are written and published.
  return { type: [mongoose.Schema.Types.Mixed], default: [] } as unknown as mongoose.SchemaDefinitionProperty<E[]>;
}

/**
 * A local copy of another service's aggregate, kept from its events: stored as the event carried it
 * (no schema of our own to drift from the owner's), keyed by the aggregate's id.
 */
export function copySchema(collection: string): mongoose.Schema {
  return new mongoose.Schema({ _id: String }, { strict: false, versionKey: false, collection });
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** `first` is 1…100 (default 20); anything else is the caller's mistake. */
export function pageSize(first: unknown): number {
  if (first === undefined || first === null || first === '') return 20;
  const n = Number(first);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('first: must be an integer from 1 to 100');
  return n;
}

/** An `after` argument as the (createdAt ms, _id) it names; null when absent; BAD_USER_INPUT when not one of our cursors. */
export function afterCursor(after: unknown): { at: number; id: string } | null {
  if (after === undefined || after === null || after === '') return null;
  const parts = typeof after === 'string' ? decodeCursor(after) : undefined;
  if (!parts || parts.length !== 2 || typeof parts[0] !== 'number' || typeof parts[1] !== 'string')
    throw badInput('after: not a cursor from this list');
  return { at: parts[0], id: parts[1] };
}

/**
 * Keyset pagination, newest first, over (createdAt, _id): stable while documents are added,
 * no skip/limit scans. The cursor is opaque to clients.
 */
export async function findPage<Doc extends { _id: string; createdAt: Date }, T>(
  model: mongoose.Model<Doc>,
  filter: Record<string, unknown>,
  args: { first?: unknown; after?: unknown },
  toNode: (doc: Doc) => T,
  projection: Record<string, 0 | 1> = { outbox: 0 },
): Promise<Page<T>> {
  const size = pageSize(args.first);
  let pageFilter: Record<string, unknown> = filter;
  const after = afterCursor(args.after);
  if (after) {
    const at = new Date(after.at);
    pageFilter = {
      ...filter,
      // Each operator object is marked trusted: sanitizeFilter would otherwise turn it into data.
      $or: [{ createdAt: mongoose.trusted({ $lt: at }) }, { createdAt: at, _id: mongoose.trusted({ $lt: after.id }) }],
    };
  }
  const [docs, totalCount] = await Promise.all([
    model
      .find(pageFilter as mongoose.FilterQuery<Doc>, projection)
      .sort({ createdAt: -1, _id: -1 })
      .limit(size + 1)
      .lean<Doc[]>()
      .exec(),
    model.countDocuments(filter as mongoose.FilterQuery<Doc>).exec(),
  ]);
  const page = docs.slice(0, size);
  const edges = page.map((d) => ({ cursor: encodeCursor([new Date(d.createdAt).getTime(), d._id]), node: toNode(d) }));
  return { edges, pageInfo: { hasNextPage: docs.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/**
 * A short-lived read-through cache with request coalescing, for a service's hot list reads (the
 * catalogue page every client asks for). Identical reads within `ttlMs` share one database query:
 * FerretDB answers a filtered, sorted page by scanning the collection in its own process, so 20
 * callers asking for the same page at once cost 20 scans without it. The service that owns the
 * data calls `clear()` after each of its writes, so it always reads its own writes; another
 * instance of the service (or a hand edit of the database) shows up within `ttlMs`. `ttlMs` 0
 * turns it off. Failed reads are not kept.
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets everything: call after a write has completed (also one that may have failed half-way). */
  clear(): void {
    this.entries.clear();
  }
}
export * from './ids';
export * from './search-index';
