import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address';

export { expandV6, isPublicAddress } from './public-address';

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
