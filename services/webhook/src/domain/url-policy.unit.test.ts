import { checkWebhookUrl, expandV6, isPublicAddress, UrlRefused, type Resolve } from './url-policy';

const production = { production: true };
const development = { production: false };
const resolvesTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('which addresses a webhook may reach', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '192.0.2.1',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2001:db8::1',
    '2002:a00:1::1',
    '2001::1',
    '::127.0.0.1',
  ])('refuses %s (loopback, private, link-local or otherwise non-public)', (a) => {
    expect(isPublicAddress(a)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2400:3200::1'])(
    'allows the public address %s',
    (a) => {
      expect(isPublicAddress(a)).toBe(true);
    },
  );

  it('reads every IPv6 spelling of one address the same way', () => {
    expect(expandV6('::ffff:127.0.0.1')).toEqual(expandV6('0:0:0:0:0:ffff:7f00:0001'));
    expect(expandV6('1::2::3')).toBeUndefined();
  });
});

describe('webhook URL rules', () => {
  it('in production accepts only https to a name that resolves to public addresses', async () => {
    await expect(checkWebhookUrl('https://bank.example.com/hooks', production, resolvesTo('203.119.1.1'))).resolves.toMatchObject({
      address: '203.119.1.1',
    });
    await expect(checkWebhookUrl('http://bank.example.com/hooks', production, resolvesTo('203.119.1.1'))).rejects.toThrow(/https/);
  });

  it('in production refuses a name that resolves to loopback, and one where any answer is private (DNS tricks)', async () => {
    await expect(checkWebhookUrl('https://localhost:8443/', production)).rejects.toThrow(UrlRefused);
    await expect(checkWebhookUrl('https://rebind.example/', production, resolvesTo('203.119.1.1', '10.0.0.5'))).rejects.toThrow(
      /non-public/,
    );
    await expect(checkWebhookUrl('https://mapped.example/', production, resolvesTo('::ffff:127.0.0.1'))).rejects.toThrow(/non-public/);
  });

  it('in production refuses the literal 127.0.0.1 that development allows', async () => {
    await expect(checkWebhookUrl('https://127.0.0.1:9000/', production)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('http://127.0.0.1:9000/in', development)).resolves.toMatchObject({ address: '127.0.0.1' });
  });

  it('outside production still refuses a name resolving to loopback and private addresses', async () => {
    await expect(checkWebhookUrl('http://localhost:9000/', development)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('http://192.168.0.10/', development)).rejects.toThrow(/non-public/);
    await expect(checkWebhookUrl('http://[::1]:9000/', development)).rejects.toThrow(/non-public/);
  });

  it('refuses other schemes, credentials in the URL and names that do not resolve', async () => {
    await expect(checkWebhookUrl('ftp://127.0.0.1/', development)).rejects.toThrow(/http/);
    await expect(checkWebhookUrl('http://user:pw@127.0.0.1:9000/', development)).rejects.toThrow(/credentials/);
    await expect(
      checkWebhookUrl('https://nowhere.example/', production, async () =>
        Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })),
      ),
    ).rejects.toThrow(/does not resolve/);
    await expect(checkWebhookUrl('not a url', development)).rejects.toThrow(/absolute/);
  });
});
