// The express chassis every service starts from, over real HTTP on loopback: what a caller that
// reaches no route, or a route with an id no service issued, is told (issue 21).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Router } from 'express';
import { createLogger } from '@yinqi/logger';
import { createServiceApp, finishApp, route } from '@yinqi/http';

let server: Server;
let base: string;
let calls = 0;

beforeAll(async () => {
  const app = createServiceApp({ name: 'chassis-test', logger: createLogger('chassis-test', 'silent') });
  const r = Router();
  r.get(
    '/things',
    route(async () => ({ list: true })),
  );
  r.get(
    '/things/:id',
    route(async (req) => ((calls += 1), { id: req.params.id })),
  );
  app.use(r);
  finishApp(app);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('a service', () => {
  it('answers a path no route serves with 404 NOT_FOUND, not a masked internal error', async () => {
    const res = await fetch(`${base}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND for a path id of a shape no service issues, without running the route', async () => {
    for (const id of ['x', '%2e%2e%2fthings', '65f0c0ffee0000000000dead', encodeURIComponent('../x')]) {
      const res = await fetch(`${base}/things/${id}`);
      expect({ id, status: res.status, body: await res.json() }).toMatchObject({ id, status: 404, body: { code: 'NOT_FOUND' } });
    }
    expect(calls).toBe(0);
    const ok = await fetch(`${base}/things/0123456789abcdef0123456789abcdef`);
    expect(await ok.json()).toEqual({ id: '0123456789abcdef0123456789abcdef' });
  });
});
