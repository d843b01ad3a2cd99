import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceClient, parseBaseUrls } from './service-client';

/** A replica that answers every call with its own name and counts what it received. */
function replica(name: string): Promise<{ url: string; server: Server; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ replica: name }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, calls })),
  );
}

/** A port nothing listens on: a server is opened to learn a free port, then closed. */
async function deadUrl(): Promise<string> {
  const { url, server } = await replica('gone');
  await new Promise((r) => server.close(r));
  return url;
}

describe('ServiceClient over several replicas', () => {
  const servers: Server[] = [];
  afterAll(async () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('spreads calls round-robin over the replicas it is given', async () => {
    const a = await replica('a');
    const b = await replica('b');
    servers.push(a.server, b.server);
    const client = new ServiceClient('loan', `${a.url},${b.url}`, 2_000);
    expect(client.replicas).toBe(2);
    const answers: string[] = [];
    for (let i = 0; i < 6; i += 1) answers.push((await client.get<{ replica: string }>('/loans')).replica);
    expect(answers).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(a.calls).toHaveLength(3);
    expect(b.calls).toHaveLength(3);
  });

  it('moves a write whose connection was refused to a live replica, and delivers it exactly once', async () => {
    const live = await replica('live');
    servers.push(live.server);
    const client = new ServiceClient('loan', [await deadUrl(), live.url], 2_000);
    for (let i = 0; i < 4; i += 1)
      expect(await client.post<{ replica: string }>('/loans/x/disburse', { n: i })).toEqual({ replica: 'live' });
    expect(live.calls).toEqual(Array(4).fill('POST /loans/x/disburse'));
  });

  it('reports unavailable, retriable, when no replica accepts the connection', async () => {
    const client = new ServiceClient('loan', [await deadUrl(), await deadUrl()], 2_000);
    await expect(client.post('/loans', {})).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retriable: true });
    expect(await client.healthy()).toBe(false);
  });

  it('is healthy while one replica answers', async () => {
    const live = await replica('live');
    servers.push(live.server);
    live.server.removeAllListeners('request');
    live.server.on('request', (_req, res) => res.end('ok'));
    expect(await new ServiceClient('loan', [await deadUrl(), live.url], 2_000).healthy()).toBe(true);
  });

  it('reads a comma-separated list and refuses an empty one', () => {
    expect(parseBaseUrls(' http://a:1 , http://b:2 ').map(String)).toEqual(['http://a:1/', 'http://b:2/']);
    expect(() => parseBaseUrls(' , ')).toThrow(/at least one base URL/);
  });
});
