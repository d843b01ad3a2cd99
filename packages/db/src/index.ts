import mongoose, { type Connection } from 'mongoose';
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
}

/**
 * Opens a connection to the service's own database, retrying while the server is not up yet.
 * Each service owns one database; no service opens another's.
 */
export async function connectDatabase({ url, dbName, logger, timeoutMs = 60_000 }: ConnectOptions): Promise<Connection> {
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
    });
    try {
      await conn.asPromise();
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

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/** Mongo duplicate-key error (unique index), the way we detect a lost race or a retry. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
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
// `any` because mongoose's typings reject a Mixed array on a typed field; the events' shape is
// checked against the contracts when they are published.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const outboxField: any = { type: [mongoose.Schema.Types.Mixed], default: [] };
