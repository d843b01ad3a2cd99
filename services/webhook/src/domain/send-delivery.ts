import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { DeliveryRecord } from './records';
import { signatureHeader } from './signing';
import type { CheckedTarget } from './url-policy';

/**
 * One POST with the signature headers, to the checked address (a pinned lookup keeps the URL's
 * host for `Host` and TLS SNI/certificate checks). Resolves with the status code once the answer's
 * head arrives; the whole exchange is bounded by `timeoutMs`.
 */
export function send(
  target: CheckedTarget,
  d: Pick<DeliveryRecord, '_id' | 'event' | 'body'>,
  secret: string,
  timeoutMs: number,
): Promise<number> {
  const { url, address, family } = target;
  const lookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const body = Buffer.from(d.body, 'utf8');
  const headers = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'user-agent': 'Yinqi-Webhooks/1',
    'yinqi-event': d.event,
    'yinqi-delivery': d._id,
    'yinqi-signature': signatureHeader(secret, d.body, Math.floor(Date.now() / 1000)),
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        lookup,
        agent: false,
      },
      (res: IncomingMessage) => {
        clearTimeout(timer);
        res.resume();
        res.on('error', () => undefined);
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
