import { isIP } from 'node:net';

/** Which addresses count as public (IANA special-purpose registries), for the webhook URL check. */

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
