import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Where a webhook may point (API-CONTRACT-OPEN.md "URL rules"). `production`: https only and only
 * public addresses. Otherwise the same, except that http is allowed and so is the literal
 * `127.0.0.1` (a developer's or a test's local receiver) — a *name* that resolves to loopback
 * (`localhost`) is still refused, so the DNS path is exercised outside production too.
 */
export interface UrlPolicy {
  production: boolean;
}

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

/**
 * The system resolver, bounded: a name server that never answers must not hold a registration
 * (the gateway gives up on a service call after 8 s) or a dispatcher slot for long.
 */
export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' })), 3_000);
    dnsLookup(hostname, { all: true, verbatim: true }).then(
      (answers) => {
        clearTimeout(timer);
        resolve(answers);
      },
      (err: Error) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });

export class UrlRefused extends Error {
  override name = 'UrlRefused';
}

/** A checked target: connect to `address` (the one that was checked), send `Host`/SNI for `url.hostname`. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** The static part of the rules (scheme, credentials, shape), checked before any DNS lookup. */
export function parseWebhookUrl(raw: string, policy: UrlPolicy): URL {
  if (raw.length > 2048) throw new UrlRefused('url: at most 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('url: not an absolute URL');
  }
  if (policy.production ? url.protocol !== 'https:' : url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UrlRefused(policy.production ? 'url: must be https' : 'url: must be http or https');
  }
  if (url.username || url.password) throw new UrlRefused('url: must not carry credentials');
  if (!url.hostname) throw new UrlRefused('url: no host');
  return url;
}

/**
 * Resolves the URL's host and checks every address it resolves to: one non-public answer refuses
 * the URL (a name that answers both a public and a private address must not win by luck). Returns
 * the address to connect to, so the connection goes where the check looked (no DNS rebinding
 * between check and connect).
 */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy, resolve: Resolve = systemResolve): Promise<CheckedTarget> {
  const url = parseWebhookUrl(raw, policy);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let answers: { address: string; family: number }[];
  if (isIP(host)) {
    answers = [{ address: host, family: isIP(host) }];
  } else {
    try {
      answers = await resolve(host);
    } catch (err) {
      throw new UrlRefused(`url: ${host} does not resolve (${(err as { code?: string }).code ?? 'error'})`);
    }
    if (answers.length === 0) throw new UrlRefused(`url: ${host} does not resolve`);
  }
  const devLoopback = !policy.production && host === '127.0.0.1';
  for (const a of answers) {
    if (devLoopback) continue;
    if (!isPublicAddress(a.address)) throw new UrlRefused(`url: ${host} points at a non-public address`);
  }
  const first = answers[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

// IPv4 ranges that are not reachable on the public internet (IANA special-purpose registry).
const V4_BLOCKED: [number, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
].map(([a, bits]) => [v4ToInt(a as string)!, bits as number]);

function v4ToInt(a: string): number | undefined {
  const parts = a.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function v4Public(n: number): boolean {
  return !V4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** Eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included), or undefined. */
export function expandV6(a: string): number[] | undefined {
  let s = a.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    if (n === undefined) return undefined;
    s = `${s.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * True only for a globally routable unicast address. IPv6: inside 2000::/3 and outside its special
 * blocks; an IPv4 address embedded in IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64
 * 64:ff9b::/96) is judged as the IPv4 address it reaches; 6to4 and Teredo are refused outright.
 */
export function isPublicAddress(address: string): boolean {
  const kind = isIP(address.replace(/%.*$/, ''));
  if (kind === 4) {
    const n = v4ToInt(address);
    return n !== undefined && v4Public(n);
  }
  if (kind !== 6) return false;
  const g = expandV6(address);
  if (!g) return false;
  const embeddedV4 = () => ((g[6]! << 16) >>> 0) + g[7]!;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4Public(embeddedV4()); // ::ffff:a.b.c.d
  if (zeros(0, 6)) return g[6] !== 0 || g[7]! > 1 ? v4Public(embeddedV4()) : false; // ::, ::1, ::a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4Public(embeddedV4()); // NAT64
  if ((g[0]! & 0xe000) !== 0x2000) return false; // not global unicast (fc00::/7, fe80::/10, ff00::/8 …)
  if (g[0] === 0x2001 && g[1]! < 0x200) return false; // 2001::/23 IETF protocol assignments (Teredo …)
  if (g[0] === 0x2001 && g[1] === 0xdb8) return false; // documentation
  if (g[0] === 0x2002) return false; // 6to4 reaches arbitrary IPv4, private ones included
  if (g[0] === 0x3fff && g[1]! < 0x1000) return false; // 3fff::/20 documentation
  return true;
}
