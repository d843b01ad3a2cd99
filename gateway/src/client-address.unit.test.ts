import { clientAddress } from './client-address';

const req = (remoteAddress: string, xff?: string) =>
  ({ socket: { remoteAddress }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as never;

describe('client address for login throttling', () => {
  it('ignores X-Forwarded-For from a caller that is not a trusted proxy', () => {
    expect(clientAddress(req('203.0.113.9', '198.51.100.1'), new Set())).toBe('203.0.113.9');
    expect(clientAddress(req('::ffff:203.0.113.9', '198.51.100.1'), new Set(['10.0.0.2']))).toBe('203.0.113.9');
  });

  it('behind trusted proxies, takes the rightmost address that is not one of them', () => {
    const trusted = new Set(['10.0.0.2', '10.0.0.3']);
    expect(clientAddress(req('10.0.0.2', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    // the client wrote "1.2.3.4" itself; the proxies appended what they saw
    expect(clientAddress(req('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.3'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(req('10.0.0.2', 'not-an-ip'), trusted)).toBe('10.0.0.2');
  });
});
