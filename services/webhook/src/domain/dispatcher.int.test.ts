import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectDatabase, type Connection } from '@yinqi/db';
import { createLogger } from '@yinqi/logger';
import { freshDatabaseName, infraUrls, waitFor } from '@yinqi/testing';
import { webhookModels, type WebhookModels } from '../data/models';
import { webhookRepository } from '../data/repository';
import type { WebhookRepository } from './ports';
import type { DeliveryRecord } from './records';
import { Dispatcher } from './dispatcher';
import { SecretBox, verifySignature } from './signing';

// The dispatcher against the real FerretDB: replicas share deliveries through leases, order per
// aggregate holds with two of them, a dead replica's claimed delivery is taken over, and the URL
// rules are applied again at delivery time.
let db: Connection;
let models: WebhookModels;
let repo: WebhookRepository;
const box = new SecretBox('int-test-key-int-test-key-int-test-key');
const logger = createLogger('test', 'silent');
const schedule = { baseMs: 50, capMs: 200, windowMs: 60_000, timeoutMs: 1_000 };
const dispatchers: Dispatcher[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('webhook') });
  models = webhookModels(db);
  await Promise.all(Object.values(models).map((m) => m.init()));
  repo = webhookRepository(models);
});
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
});
afterAll(async () => {
  for (const s of servers) s.close();
  await db.close();
});

function aDispatcher(owner: string, production = false) {
  const d = new Dispatcher({ repo, box, policy: { production }, schedule, logger, owner, pollMs: 50, concurrency: 8 });
  dispatchers.push(d);
  d.start();
  return d;
}

/** A receiver recording (raw body, signature) in arrival order. */
async function aReceiver() {
  const got: { raw: string; signature: string; delivery: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        raw: Buffer.concat(chunks).toString(),
        signature: String(req.headers['yinqi-signature']),
        delivery: String(req.headers['yinqi-delivery']),
      });
      res.end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { got, port: (server.address() as AddressInfo).port };
}

async function aWebhook(url: string, secret = 'whsec_test') {
  const id = randomUUID();
  const at = new Date();
  await repo.insertWebhook({
    _id: id,
    institutionId: `bank-${id}`,
    institutionKind: 'BANK',
    url,
    events: ['MATCH_PROPOSED'],
    active: true,
    secretSealed: box.seal(secret),
    createdBy: 'u',
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

function aDelivery(webhookId: string, aggregateKey: string, seq: number): DeliveryRecord {
  const eventId = randomUUID();
  return {
    _id: randomUUID(),
    webhookId,
    institutionId: 'bank',
    eventId,
    event: 'MATCH_PROPOSED',
    body: JSON.stringify({
      id: eventId,
      event: 'MATCH_PROPOSED',
      occurredAt: new Date().toISOString(),
      data: { matchId: aggregateKey, seq: String(seq) },
    }),
    aggregateKey,
    seq,
    dedupeKey: `${webhookId}:${eventId}`,
    manual: false,
    status: 'PENDING',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    nextAttemptAt: new Date(),
    firstAttemptAt: null,
    deliveredAt: null,
    leaseUntil: new Date(0),
    leaseOwner: null,
    createdAt: new Date(),
  };
}

const statusOf = async (id: string) => (await repo.findDelivery(id))!;

describe('webhook dispatcher on the real store', () => {
  it('two replicas send every delivery once, signed, and each aggregate in order', async () => {
    const rx = await aReceiver();
    const hook = await aWebhook(`http://127.0.0.1:${rx.port}/in`);
    const records = ['m1', 'm2', 'm3'].flatMap((m) => [1, 2, 3, 4].map((seq) => aDelivery(hook, m, seq)));
    expect(await repo.insertDeliveries(records)).toBe(12);
    // A replayed source event adds nothing (same dedupeKey).
    expect(await repo.insertDeliveries([{ ...records[0]!, _id: randomUUID() }])).toBe(0);
    aDispatcher('replica-a');
    aDispatcher('replica-b');
    await waitFor(() => rx.got.length >= 12, { timeoutMs: 20_000, message: 'all delivered' });
    await waitFor(async () => (await Promise.all(records.map((r) => statusOf(r._id)))).every((d) => d.status === 'DELIVERED'), {
      message: 'all DELIVERED',
    });
    const bodies = rx.got.map((g) => JSON.parse(g.raw) as { id: string; data: { matchId: string; seq: string } });
    expect(new Set(bodies.map((b) => b.id)).size).toBe(12);
    expect(bodies).toHaveLength(12);
    for (const m of ['m1', 'm2', 'm3'])
      expect(bodies.filter((b) => b.data.matchId === m).map((b) => b.data.seq)).toEqual(['1', '2', '3', '4']);
    expect(rx.got.every((g) => verifySignature('whsec_test', g.raw, g.signature))).toBe(true);
  });

  it('a delivery claimed by a replica that died is sent by another once the lease runs out, and the dead one cannot overwrite it', async () => {
    const rx = await aReceiver();
    const hook = await aWebhook(`http://127.0.0.1:${rx.port}/in`);
    const d = aDelivery(hook, 'm-lease', 1);
    await repo.insertDeliveries([d]);
    const claimed = await repo.claim(d._id, 'dead-replica', new Date(), new Date(Date.now() + 1_500));
    expect(claimed?.leaseOwner).toBe('dead-replica');
    aDispatcher('replica-c');
    await new Promise((r) => setTimeout(r, 500));
    expect(rx.got).toHaveLength(0); // the lease still holds
    await waitFor(() => rx.got.length === 1, { timeoutMs: 10_000, message: 'taken over after the lease' });
    await waitFor(async () => (await statusOf(d._id)).status === 'DELIVERED', { message: 'DELIVERED' });
    expect(await repo.finish(d._id, 'dead-replica', { status: 'FAILED' })).toBe(false);
    expect((await statusOf(d._id)).status).toBe('DELIVERED');
  });

  it('a receiver that is down gets the delivery after a restart of the dispatcher: nothing pending is lost', async () => {
    const rx = await aReceiver();
    const hook = await aWebhook('http://127.0.0.1:9/unreachable');
    const d = aDelivery(hook, 'm-restart', 1);
    await repo.insertDeliveries([d]);
    const first = aDispatcher('replica-d');
    await waitFor(async () => ((await statusOf(d._id)).attempts >= 2 ? true : null), { message: 'failed attempts recorded' });
    await first.stop();
    const failed = await statusOf(d._id);
    expect(failed).toMatchObject({ status: 'PENDING', lastStatusCode: null });
    expect(failed.lastError).toBeTruthy();
    // The receiver comes back at another address (the officer updates nothing: same webhook id, moved here for the test).
    await models.Webhook.collection.updateOne({ _id: hook } as never, { $set: { url: `http://127.0.0.1:${rx.port}/in` } });
    aDispatcher('replica-e');
    await waitFor(() => rx.got.length === 1, { timeoutMs: 10_000, message: 'delivered after restart' });
    expect(rx.got[0]!.delivery).toBe(d._id);
  });

  it('checks the URL again at delivery, after DNS resolution: a name resolving to loopback is refused', async () => {
    const rx = await aReceiver();
    const hook = await aWebhook(`http://localhost:${rx.port}/in`);
    const d = aDelivery(hook, 'm-dns', 1);
    await repo.insertDeliveries([d]);
    aDispatcher('replica-f');
    const after = await waitFor(
      async () => {
        const x = await statusOf(d._id);
        return x.attempts >= 1 ? x : null;
      },
      { message: 'attempt recorded' },
    );
    expect(after.lastError).toMatch(/non-public/);
    expect(rx.got).toHaveLength(0);
  });

  it('in production mode refuses even the literal 127.0.0.1 at delivery', async () => {
    const rx = await aReceiver();
    const hook = await aWebhook(`http://127.0.0.1:${rx.port}/in`);
    const d = aDelivery(hook, 'm-prod', 1);
    await repo.insertDeliveries([d]);
    aDispatcher('replica-g', true);
    const after = await waitFor(
      async () => {
        const x = await statusOf(d._id);
        return x.attempts >= 1 ? x : null;
      },
      { message: 'attempt recorded' },
    );
    expect(after.lastError).toMatch(/https/);
    expect(rx.got).toHaveLength(0);
  });
});
