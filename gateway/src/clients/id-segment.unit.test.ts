import { isPlatformId } from '@yinqi/contracts';
import { idSegment } from './id-segment';
import { ServiceClient } from './service-client';
import { loanClient } from './loan-client';
import { enterpriseClient } from './enterprise-client';

const UUID = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';
const DERIVED = '0123456789abcdef0123456789abcdef';
const ODD = [
  '',
  '.',
  '..',
  '../..',
  '%2e%2e',
  '.%2E',
  '/',
  'a/b',
  'x?y=1',
  'x#y',
  '\\..',
  ' ',
  `${UUID}/..`,
  `${UUID}\n`,
  UUID.toUpperCase(),
  '65f0c0ffee0000000000dead',
];

describe('ids at the edge', () => {
  it('knows the three shapes the services mint', () => {
    expect(isPlatformId(UUID, 'uuid')).toBe(true);
    expect(isPlatformId(DERIVED, 'derived')).toBe(true);
    expect(isPlatformId(`${DERIVED}-abcdef012345`, 'relief')).toBe(true);
    expect(isPlatformId(DERIVED, 'uuid')).toBe(false);
    for (const odd of ODD) expect({ odd, ok: isPlatformId(odd) }).toEqual({ odd, ok: false });
  });

  it('answers NOT_FOUND for an id no service could have issued, before any call', () => {
    for (const odd of ODD) expect(() => idSegment('uuid', 'Enterprise', odd)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(idSegment('uuid', 'Enterprise', UUID)).toBe(UUID);
  });

  it('never calls a service for an odd id, and a nullable read sees a rejection it can turn into null', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const http = new ServiceClient('loan', 'http://127.0.0.1:9', 1000);
      for (const odd of ODD) {
        await expect(loanClient(http).loan('t', odd)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(loanClient(http).decideRelief('t', odd, { approve: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(enterpriseClient(http).certify('t', odd, { tier: 'NONE', whitelisted: false })).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
      }
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('refuses to send a request whose path the URL parser would change', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const http = new ServiceClient('enterprise', 'http://127.0.0.1:9', 1000);
      for (const path of ['/enterprises/..', '/enterprises/%2e%2e/x', '/a/./b', '/a?b', '/a#b', '/a\\b', '//evil.example/x']) {
        await expect(http.get(path)).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      }
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
