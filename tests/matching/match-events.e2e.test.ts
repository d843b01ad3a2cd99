import { errorCode, readSseJson } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { postDemand, publishProduct } from './journey';

const url = () => process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

interface Received {
  type: string;
  match: { id: string; status: string; score: number; demand: { id: string }; product: { id: string; name: string } };
  at: string;
}

/** Subscribes over Server-Sent Events (graphql-yoga's transport) and collects the events. */
async function subscribe(token: string) {
  const controller = new AbortController();
  const res = await fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'subscription { matchEvents { type at match { id status score demand { id } product { id name } } } }' }),
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const events: Received[] = [];
  const errors: unknown[] = [];
  const pump = readSseJson(res.body!, (payload) => {
    if (payload.errors) errors.push(payload.errors);
    if (payload.data?.matchEvents) events.push(payload.data.matchEvents);
  }).catch(() => undefined);
  return {
    events,
    errors,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

const until = async (cond: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('matchEvents subscription over SSE', () => {
  it('streams PROPOSED to the enterprise and the bank of the match, and nothing of others', async () => {
    const admin = await signInAdmin();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const otherBank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `智能网联汽车-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    const other = await registerEnterprise({ industry: `${industry}-x` });

    const entFeed = await subscribe(ent.token);
    const bankFeed = await subscribe(bank.token);
    const otherFeed = await subscribe(other.token);
    const otherBankFeed = await subscribe(otherBank.token);
    // Let the subscriptions reach the gateway before the events happen.
    await new Promise((r) => setTimeout(r, 500));
    try {
      const demand = await postDemand(ent.token);
      await publishProduct(bank.token, { industries: [industry] });
      // The demand may also match other test files' products; this bank's match is the one to follow.
      await until(() => bankFeed.events.length > 0, 'a PROPOSED event on the bank feed');
      const matchId = bankFeed.events[0]!.match.id;
      expect(bankFeed.events[0]).toMatchObject({ type: 'PROPOSED', match: { status: 'PROPOSED' } });
      await until(() => entFeed.events.some((e) => e.match.id === matchId), 'the same event on the enterprise feed');
      const seen = entFeed.events.find((e) => e.match.id === matchId)!;
      expect(seen.type).toBe('PROPOSED');
      expect(Date.parse(seen.at)).not.toBeNaN();
      // demand { id } is answered from the event itself; product { name } loads the product.
      expect(seen.match.demand.id).toBe(demand.id);
      expect(seen.match.product.id).toBeTruthy();
      expect(seen.match.product.name).toBeTruthy();
      // The others saw nothing of it.
      expect(otherFeed.events.find((e) => e.match.id === matchId)).toBeUndefined();
      expect(otherBankFeed.events.find((e) => e.match.id === matchId)).toBeUndefined();
    } finally {
      await Promise.all([entFeed.close(), bankFeed.close(), otherFeed.close(), otherBankFeed.close()]);
    }
  });

  it('refuses a subscription without a valid token', async () => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { matchEvents { type } }' }),
    });
    const text = await res.text();
    const data =
      text
        .split('\n')
        .filter((l) => l.startsWith('data:') && l.slice(5).trim())
        .map((l) => JSON.parse(l.slice(5)))[0] ?? {};
    expect(errorCode(data)).toBe('UNAUTHENTICATED');
  });
});
