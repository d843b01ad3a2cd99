import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one caller. */
const normalize = (a: string) => (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

/**
 * The caller's address as login throttling counts it. X-Forwarded-For is believed only when the
 * connection comes from a configured proxy (TRUSTED_PROXIES), and then only as far as the chain
 * of trusted proxies goes: the rightmost address that is not one of them is the client (anything
 * left of it could have been written by the client itself). Without trusted proxies the header is
 * ignored, so nobody escapes the per-address limit by sending a different header each time.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedProxies: ReadonlySet<string>): string {
  let addr = normalize(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(addr)) return addr;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => normalize(h.trim()))
    .filter((h) => isIP(h) !== 0);
  while (hops.length > 0) {
    addr = hops.pop()!;
    if (!trustedProxies.has(addr)) return addr;
  }
  return addr;
}
