import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { postDemand, publishProduct, waitForMatches } from '../matching/journey';
import { Receiver, validSignature, type Received } from '../src/fixtures/webhook-receiver';
import { aWebhook, deliveries, registerWebhook } from './webhook-actors';

// Webhooks of the open interface (API-CONTRACT-OPEN.md "Webhooks") against real local receivers.
// The test stack retries within seconds (infra/launcher/stack.mjs: WEBHOOK_RETRY_BASE_MS 200,
// cap 2 s, timeout 3 s); the contract's own numbers are the service's defaults (unit-tested).
// Other files share the namespace: every assertion looks at this file's own banks and matches.
const MATCH_EVENTS = ['MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_WITHDRAWN'];
let admin: string;
const receivers: Receiver[] = [];
const aReceiver = async () => {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
};

beforeAll(async () => {
  admin = await signInAdmin();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
});

/** A bank with a product only this test's enterprise matches, and that enterprise. */
async function aBankWithProduct() {
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `开放接口-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ent = await registerEnterprise({ industry });
  const product = await publishProduct(bank.token, { name: '专精特新贷', industries: [industry] });
  return { bank, ent, product };
}

const ofMatch = (rs: Received[], matchId: string) => rs.filter((r) => r.body.data.matchId === matchId);

describe('webhooks: who hears what', () => {
  it('a bank hears of every new match for its products, signed; a second bank hears nothing of them', async () => {
    const { bank, ent, product } = await aBankWithProduct();
    const other = await createOfficer(admin, 'BANK_OFFICER');
    const [mine, theirs] = [await aReceiver(), await aReceiver()];
    const hook = await aWebhook(bank.token, mine.url, MATCH_EVENTS);
    await aWebhook(other.token, theirs.url, MATCH_EVENTS);

    const demands = await Promise.all([postDemand(ent.token), postDemand(ent.token, { amount: 3_000_000 })]);
    const matchIds = await Promise.all(
      demands.map(async (d) => (await waitForMatches(ent.token, d.id, [product], (m) => m.length === 1, 'match'))[0]!.id),
    );

    const got = await waitFor(
      () => {
        const hits = mine.delivered.filter((r) => matchIds.includes(r.body.data.matchId ?? ''));
        return new Set(hits.map((r) => r.body.data.matchId)).size === 2 ? hits : null;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'both matches delivered to the bank' },
    );
    for (const r of got) {
      expect(r.body).toMatchObject({
        event: 'MATCH_PROPOSED',
        data: { matchId: expect.any(String), demandId: expect.any(String), productId: product.id },
      });
      expect(Object.keys(r.body).sort()).toEqual(['data', 'event', 'id', 'occurredAt']);
      expect(r.headers['yinqi-event']).toBe('MATCH_PROPOSED');
      expect(r.headers['yinqi-delivery']).toEqual(expect.any(String));
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(validSignature(hook.secret, r)).toBe(true);
    }
    // The delivery log shows them DELIVERED, with the same event ids the receiver saw.
    const log = await waitFor(
      async () => {
        const page = (await deliveries(bank.token, { webhookId: hook.id })).data!.webhookDeliveries;
        const done = page.edges.map((e) => e.node).filter((d) => d.status === 'DELIVERED');
        return done.length >= 2 ? done : null;
      },
      { message: 'deliveries logged as DELIVERED' },
    );
    expect(new Set(log.map((d) => d.eventId))).toEqual(new Set(got.map((r) => r.body.id)));
    expect(log.every((d) => d.lastStatusCode === 200 && d.deliveredAt && d.webhook.id === hook.id)).toBe(true);

    // The other bank heard nothing of these matches, and cannot see or touch the first bank's webhook.
    expect(theirs.received.filter((r) => matchIds.includes(r.body.data.matchId ?? ''))).toEqual([]);
    expect(errorCode(await deliveries(other.token, { webhookId: hook.id }))).toBe('NOT_FOUND');
    expect(errorCode(await gql('mutation($id:ID!){ setWebhookActive(id:$id, active:false){ id } }', { id: hook.id }, other.token))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await gql('mutation($id:ID!){ redeliverWebhook(deliveryId:$id){ id } }', { id: log[0]!.id }, other.token))).toBe(
      'NOT_FOUND',
    );
    const theirList = await gql<{ webhooks: { id: string }[] }>('{ webhooks { id } }', {}, other.token);
    expect(theirList.data!.webhooks.map((w) => w.id)).not.toContain(hook.id);
  });

  it('redeliverWebhook sends the event again now, as a new delivery with the same event id', async () => {
    const { bank, ent, product } = await aBankWithProduct();
    const rx = await aReceiver();
    const hook = await aWebhook(bank.token, rx.url, ['MATCH_PROPOSED']);
    const demand = await postDemand(ent.token);
    const [match] = await waitForMatches(ent.token, demand.id, [product], (m) => m.length === 1, 'match');
    const first = await waitFor(() => ofMatch(rx.delivered, match!.id)[0], { timeoutMs: 30_000, message: 'first delivery' });
    const logged = await waitFor(
      async () => (await deliveries(bank.token, { webhookId: hook.id, status: 'DELIVERED' })).data!.webhookDeliveries.edges[0]?.node,
      { message: 'delivered in the log' },
    );

    const again = await gql<{ redeliverWebhook: { id: string; eventId: string; status: string; event: string } }>(
      'mutation($id:ID!){ redeliverWebhook(deliveryId:$id){ id eventId event status } }',
      { id: logged.id },
      bank.token,
    );
    expect(again.errors).toBeUndefined();
    expect(again.data!.redeliverWebhook).toMatchObject({ eventId: logged.eventId, event: 'MATCH_PROPOSED' });
    expect(again.data!.redeliverWebhook.id).not.toBe(logged.id);
    const second = await waitFor(() => ofMatch(rx.delivered, match!.id)[1], { timeoutMs: 15_000, message: 'redelivery received' });
    expect(second.body.id).toBe(first.body.id);
    expect(second.raw).toBe(first.raw);
    expect(second.headers['yinqi-delivery']).toBe(again.data!.redeliverWebhook.id);
    expect(validSignature(hook.secret, second)).toBe(true);
  });

  it('a guarantor hears of requests it may quote on, and of a selection only when its own quote was selected', async () => {
    const { bank, ent, product } = await aBankWithProduct();
    const [g1, g2] = await Promise.all([createOfficer(admin, 'GUARANTOR_OFFICER'), createOfficer(admin, 'GUARANTOR_OFFICER')]);
    const [r1, r2, rBank] = [await aReceiver(), await aReceiver(), await aReceiver()];
    const h1 = await aWebhook(g1.token, r1.url, ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED']);
    await aWebhook(g2.token, r2.url, ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED']);
    const hBank = await aWebhook(bank.token, rBank.url, ['GUARANTEE_SELECTED']);

    // 银企对接 up to an accepted offer on a demand that needs a guarantee: the guarantee service opens a request.
    const demand = await postDemand(ent.token, { needsGuarantee: true });
    const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'match');
    for (const [q, v, t] of [
      ['mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: m!.id }, bank.token],
      [
        'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
        { id: m!.id, input: { amount: 4_000_000, annualRate: 3.6, termMonths: 12 } },
        bank.token,
      ],
      ['mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: m!.id }, ent.token],
    ] as const) {
      const r = await gql(q, v, t);
      expect(r.errors).toBeUndefined();
    }
    // Every guarantor may quote on an OPEN request (the guarantee service's rule): both hear of it.
    const heard = await waitFor(
      () => {
        const a = ofMatch(r1.delivered, m!.id).find((r) => r.body.event === 'GUARANTEE_REQUESTED');
        const b = ofMatch(r2.delivered, m!.id).find((r) => r.body.event === 'GUARANTEE_REQUESTED');
        return a && b ? a : null;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'both guarantors hear of the request' },
    );
    expect(validSignature(h1.secret, heard)).toBe(true);
    const requestId = heard.body.data.requestId!;
    expect(heard.body.data).toMatchObject({ requestId: expect.any(String), matchId: m!.id, demandId: demand.id });

    const quote = await gql<{ submitGuaranteeQuote: { id: string } }>(
      'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }',
      { id: requestId, input: { feeRate: 0.8, coverageRatio: 80 } },
      g1.token,
    );
    expect(quote.errors).toBeUndefined();
    const selected = await gql(
      'mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id } }',
      { id: quote.data!.submitGuaranteeQuote.id },
      ent.token,
    );
    expect(selected.errors).toBeUndefined();

    // The selected guarantor and the bank hear of the selection; the guarantor that did not quote does not.
    const [toG1, toBank] = await waitFor(
      () => {
        const a = ofMatch(r1.delivered, m!.id).find((r) => r.body.event === 'GUARANTEE_SELECTED');
        const b = ofMatch(rBank.delivered, m!.id).find((r) => r.body.event === 'GUARANTEE_SELECTED');
        return a && b ? [a, b] : null;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'selection heard by guarantor and bank' },
    );
    expect(toG1.body.data).toMatchObject({ requestId, quoteId: quote.data!.submitGuaranteeQuote.id });
    expect(toBank.body.id).toBe(toG1.body.id);
    expect(validSignature(hBank.secret, toBank)).toBe(true);
    // The losing side's webhook gets its delivery log entry only for the request itself.
    const g2Log = await deliveries(g2.token);
    const g2Events = g2Log.data!.webhookDeliveries.edges.map((e) => e.node.event);
    expect(g2Events).not.toContain('GUARANTEE_SELECTED');
    expect(ofMatch(r2.received, m!.id).map((r) => r.body.event)).toEqual(['GUARANTEE_REQUESTED']);
  });
});

describe('webhooks: delivery through failures', () => {
  it('a receiver that is down, then answers 500, then hangs past the timeout, gets every event afterwards in order per match, signed', async () => {
    const { bank, ent, product } = await aBankWithProduct();
    const rx = await aReceiver();
    const hook = await aWebhook(bank.token, rx.url, MATCH_EVENTS);
    await rx.down();

    const demands = await Promise.all([
      postDemand(ent.token),
      postDemand(ent.token, { amount: 2_000_000 }),
      postDemand(ent.token, { amount: 6_000_000 }),
    ]);
    const matchIds = await Promise.all(
      demands.map(async (d) => (await waitForMatches(ent.token, d.id, [product], (m) => m.length === 1, 'match'))[0]!.id),
    );
    // Suspending the product withdraws its unanswered matches: each match now has PROPOSED then WITHDRAWN.
    const suspended = await gql('mutation($id:ID!){ suspendProduct(id:$id){ id status } }', { id: product.id }, bank.token);
    expect(suspended.errors).toBeUndefined();
    // Meanwhile the deliveries wait as PENDING, with failed attempts logged.
    await waitFor(
      async () => {
        const page = (await deliveries(bank.token, { webhookId: hook.id, status: 'PENDING' })).data!.webhookDeliveries;
        return page.edges.some((e) => e.node.attempts >= 1 && e.node.lastError) ? true : null;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'a failed attempt logged while the receiver is down' },
    );

    // Back up, but failing: three 500s, then one request that hangs past the sender's timeout, then well.
    let calls = 0;
    rx.behave = () => {
      calls += 1;
      if (calls <= 3) return { status: 500 };
      if (calls === 4) return { status: 200, hangMs: 6_000 };
      return { status: 200 };
    };
    await rx.up();

    const all = await waitFor(
      () => {
        const hits = rx.delivered.filter((r) => matchIds.includes(r.body.data.matchId ?? ''));
        const kinds = new Set(hits.map((r) => `${r.body.data.matchId}:${r.body.event}`));
        return kinds.size === matchIds.length * 2 ? hits : null;
      },
      { timeoutMs: 90_000, intervalMs: 200, message: 'every event delivered after the outage' },
    );
    expect(rx.received.some((r) => r.answered === 500)).toBe(true);
    expect(rx.received.some((r) => r.answered === 0)).toBe(true);
    for (const r of all) expect(validSignature(hook.secret, r)).toBe(true);
    for (const id of matchIds) {
      // Per match: nothing about the withdrawal reached the receiver before the proposal was accepted by it.
      const seen = ofMatch(rx.received, id);
      const proposedOk = seen.findIndex((r) => r.body.event === 'MATCH_PROPOSED' && r.answered === 200);
      const firstWithdrawn = seen.findIndex((r) => r.body.event === 'MATCH_WITHDRAWN');
      expect(proposedOk).toBeGreaterThanOrEqual(0);
      expect(firstWithdrawn).toBeGreaterThan(proposedOk);
    }
    const log = (await deliveries(bank.token, { webhookId: hook.id })).data!.webhookDeliveries;
    expect(log.totalCount).toBe(matchIds.length * 2);
    await waitFor(
      async () =>
        (await deliveries(bank.token, { webhookId: hook.id, status: 'DELIVERED' })).data!.webhookDeliveries.totalCount ===
        matchIds.length * 2
          ? true
          : null,
      {
        message: 'all logged DELIVERED',
      },
    );
  });

  it('setWebhookActive(false) keeps new events PENDING; they go out when the webhook is active again', async () => {
    const { bank, ent, product } = await aBankWithProduct();
    const rx = await aReceiver();
    const hook = await aWebhook(bank.token, rx.url, ['MATCH_PROPOSED']);
    const off = await gql('mutation($id:ID!){ setWebhookActive(id:$id, active:false){ id active } }', { id: hook.id }, bank.token);
    expect(off.data!.setWebhookActive).toEqual({ id: hook.id, active: false });

    const demand = await postDemand(ent.token);
    const [match] = await waitForMatches(ent.token, demand.id, [product], (m) => m.length === 1, 'match');
    const pending = await waitFor(
      async () => (await deliveries(bank.token, { webhookId: hook.id, status: 'PENDING' })).data!.webhookDeliveries.edges[0]?.node,
      { timeoutMs: 30_000, message: 'delivery kept PENDING' },
    );
    expect(pending).toMatchObject({ event: 'MATCH_PROPOSED', attempts: 0 });
    expect(ofMatch(rx.received, match!.id)).toEqual([]);

    const on = await gql('mutation($id:ID!){ setWebhookActive(id:$id, active:true){ active } }', { id: hook.id }, bank.token);
    expect(on.data!.setWebhookActive.active).toBe(true);
    const got = await waitFor(() => ofMatch(rx.delivered, match!.id)[0], { timeoutMs: 15_000, message: 'delivered once re-activated' });
    expect(got.body.id).toBe(pending.eventId);
  });
});

describe('webhook registration rules', () => {
  it('answers the signing secret once and lists the webhook without it', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const rx = await aReceiver();
    const r = await registerWebhook(bank.token, rx.url, ['MATCH_PROPOSED', 'LOAN_OVERDUE']);
    expect(r.errors).toBeUndefined();
    expect(r.data!.registerWebhook.signingSecret.length).toBeGreaterThanOrEqual(32);
    expect(r.data!.registerWebhook.webhook).toMatchObject({ url: rx.url, events: ['MATCH_PROPOSED', 'LOAN_OVERDUE'], active: true });
    const list = await gql<{ webhooks: { id: string }[] }>('{ webhooks { id url events active createdAt } }', {}, bank.token);
    expect(list.data!.webhooks.map((w) => w.id)).toEqual([r.data!.registerWebhook.webhook.id]);
  });

  it('refuses events outside the institution kind, and callers who are not officers', async () => {
    const [bank, guarantor, fund] = await Promise.all([
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'GUARANTOR_OFFICER'),
      createOfficer(admin, 'FUND_OFFICER'),
    ]);
    const url = (await aReceiver()).url;
    expect(errorCode(await registerWebhook(bank.token, url, ['GUARANTEE_REQUESTED']))).toBe('BAD_USER_INPUT');
    expect(errorCode(await registerWebhook(guarantor.token, url, ['MATCH_PROPOSED']))).toBe('BAD_USER_INPUT');
    expect(errorCode(await registerWebhook(fund.token, url, ['LOAN_OVERDUE']))).toBe('BAD_USER_INPUT');
    expect((await registerWebhook(guarantor.token, url, ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED'])).errors).toBeUndefined();
    expect((await registerWebhook(fund.token, url, ['FUND_MATCH_PROPOSED'])).errors).toBeUndefined();
    const ent = await registerEnterprise();
    expect(errorCode(await registerWebhook(ent.token, url, ['MATCH_PROPOSED']))).toBe('FORBIDDEN');
    expect(errorCode(await registerWebhook(admin, url, ['MATCH_PROPOSED']))).toBe('FORBIDDEN');
    expect(errorCode(await registerWebhook('', url, ['MATCH_PROPOSED']))).toBe('UNAUTHENTICATED');
  });

  it('refuses URLs to loopback, private and link-local addresses, also through a DNS name that resolves to loopback', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const port = new URL((await aReceiver()).url).port;
    for (const url of [
      `http://localhost:${port}/hooks`, // a name: checked after DNS resolution, and it resolves to loopback
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://10.0.0.8/hooks',
      'http://192.168.1.20/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.2:9/',
      'ftp://127.0.0.1/x',
      'http://user:pw@127.0.0.1:9/',
      'not a url',
    ]) {
      expect([url, errorCode(await registerWebhook(bank.token, url, ['MATCH_PROPOSED']))]).toEqual([url, 'BAD_USER_INPUT']);
    }
    const list = await gql<{ webhooks: unknown[] }>('{ webhooks { id } }', {}, bank.token);
    expect(list.data!.webhooks).toEqual([]);
  });
});
