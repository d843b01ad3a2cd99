import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

/** Where the running infrastructure is (set by `npm test`; loopback defaults otherwise). */
export function infraUrls(): { mongoUrl: string; brokers: string[] } {
  return {
    mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  };
}

const rand = () => randomBytes(4).toString('hex');

/** A database name no other test file uses; `npm test` drops the `yinqitest_` ones at the next run. */
export function freshDatabaseName(label: string): string {
  return `yinqitest_int_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_t${Date.now().toString(36)}_${rand()}`;
}

/** A topic prefix no other test file uses. */
export function freshTopicPrefix(label: string): string {
  return `yinqitest-int-${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}-t${Date.now().toString(36)}-${rand()}`;
}

/** Polls until `check` returns a truthy value; fails with `message` after the timeout. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${opts.message ?? 'condition'} not met in ${opts.timeoutMs ?? 20_000} ms${last ? `: ${(last as Error).message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}

export interface CollectedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads every message of some topics from the beginning into an array, until stopped. */
export async function collectMessages(topics: string[]): Promise<{ messages: CollectedMessage[]; stop: () => Promise<void> }> {
  const kafka = new Kafka({ brokers: infraUrls().brokers, clientId: 'test-collector', logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `collector-${rand()}`, maxWaitTimeInMs: 50 });
  const messages: CollectedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
      messages.push({ topic, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
    },
  });
  await joined;
  return { messages, stop: () => consumer.disconnect() };
}

/**
 * The distinct events about one aggregate (`key`), in arrival order. Delivery is at least once —
 * two replicas' relays, a relay retry or a collector's rebalance may hand over one envelope twice —
 * so tests compare distinct envelopes (by event id).
 */
export function distinctEvents<T extends { id: string }>(messages: readonly CollectedMessage[], key: string): T[] {
  const seen = new Map<string, T>();
  for (const m of messages) {
    if (m.key !== key || !m.value) continue;
    const e = JSON.parse(m.value) as T;
    if (!seen.has(e.id)) seen.set(e.id, e);
  }
  return [...seen.values()];
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** Calls the gateway the way any client does: POST /graphql with an optional bearer token. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers as parsed JSON field by field (see eslint.config.mjs)
export async function gql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as GraphQLResult<T>;
  return { ...body, status: res.status };
}

/**
 * Reads a `text/event-stream` body (graphql-yoga's SSE transport) and hands each event's `data:`
 * JSON to `onPayload`, until the stream ends or its request is aborted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as gql: a test reads each event's JSON field by field
export async function readSseJson(body: ReadableStream<Uint8Array>, onPayload: (payload: any) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, cut)
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('');
        buffer = buffer.slice(cut + 2);
        if (data) onPayload(JSON.parse(data));
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
}

/** The first error code of a GraphQL result, for assertions. */
export const errorCode = (r: GraphQLResult<unknown>) => r.errors?.[0]?.extensions?.code;

/** A valid unified social credit code (GB 32100-2015 check character) built from a random body. */
export function aUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let body = '91500111'; // registration authority 9 (工商), type 1 (企业), division 500111 (大足区)
  while (body.length < 17) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += alphabet.indexOf(body[i]!) * weights[i]!;
  return body + alphabet[(31 - (sum % 31)) % 31];
}

/** A unique email for test data. */
export const anEmail = (label = 'user') => `${label}-${Date.now().toString(36)}-${rand()}@test.yinqi.local`;

/**
 * A seeded random source (mulberry32): small, fast and good enough to spread test data, so two runs
 * generate the same data and a failure replays from its seed.
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (lo: number, hi: number) => lo + (hi - lo) * next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
    const n = min + Math.floor(next() * (max - min + 1));
    return [...xs].sort(() => next() - 0.5).slice(0, n);
  };
  return { next, between, pick, chance, some };
}

/** The median wall time in ms of `reps` sequential runs of `fn`. */
export async function medianMs(fn: () => Promise<unknown>, reps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}
export * from './builders';
