import { randomBytes } from 'node:crypto';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A new aggregate id: a UUID of version 7 (RFC 9562), 48 bits of Unix milliseconds followed by
 * random bits. It has the shape of every other UUID; its time says how recently it was issued,
 * which lets another service tell "created a moment ago, its event is on its way" from "unknown"
 * (see idIssuedWithin).
 */
export function newId(now: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** When a version-7 id was issued (Unix ms), or null for any other string (older v4 ids included). */
export function idIssuedAt(id: string): number | null {
  if (!UUID_V7.test(id)) return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** Whether `id` was issued by newId within the last `windowMs` (and not in the future beyond it). */
export function idIssuedWithin(id: string, windowMs: number, now: number = Date.now()): boolean {
  const at = idIssuedAt(id);
  return at !== null && Math.abs(now - at) <= windowMs;
}

/**
 * How recently an id must have been issued for a service to wait for its copy (its creation event
 * may still be on the way) rather than answer NOT_FOUND at once: far above the event path's lag,
 * far below the time after which a caller could only mean an id that never existed.
 */
export const RECENT_ID_MS = 30_000;
