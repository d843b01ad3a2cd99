import { collectMessages, distinctEvents, errorCode, gql, waitFor } from '@yinqi/testing';
import { MATCHMAKING_TOPICS } from '@yinqi/contracts';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { postDemand, publishProduct, waitForMatches } from '../matching/journey';

// `Idempotency-Key` on mutations through the gateway (API-CONTRACT-OPEN.md "Idempotent retries").
const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const MAKE_OFFER =
  'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id status offer { amount annualRate termMonths } } }';

/** A POST to /graphql as any client sends it, with an Idempotency-Key. */
async function post(body: string, key: string | undefined, token?: string) {
  const res = await fetch(GATEWAY, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key !== undefined ? { 'idempotency-key': key } : {}),
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: JSON.parse(text) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] },
  };
}

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

/** A match the bank has answered with interest: the next step is makeOffer. */
async function aMatchReadyForOffer() {
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `幂等-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ent = await registerEnterprise({ industry });
  const product = await publishProduct(bank.token, { name: '专精特新贷', industries: [industry] });
  const demand = await postDemand(ent.token);
  const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'match');
  const r = await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: m!.id }, bank.token);
  expect(r.errors).toBeUndefined();
  return { bank, matchId: m!.id };
}

describe('Idempotency-Key', () => {
  it('the same key sent 20 times at once with a makeOffer body executes once, and every request gets that answer', async () => {
    const { bank, matchId } = await aMatchReadyForOffer();
    const events = await collectMessages([MATCHMAKING_TOPICS.match]);
    try {
      const key = `offer-${matchId}`;
      const body = JSON.stringify({
        query: MAKE_OFFER,
        variables: { id: matchId, input: { amount: 4_000_000, annualRate: 3.6, termMonths: 12 } },
      });
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(body, key, bank.token)));
      for (const a of answers) {
        expect(a.json.errors).toBeUndefined();
        expect(a.json.data!.makeOffer).toMatchObject({
          id: matchId,
          status: 'OFFERED',
          offer: { amount: 4_000_000, annualRate: 3.6, termMonths: 12 },
        });
      }
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      // One execution: one match.offered event (an offer executed twice would publish two, or fail with CONFLICT).
      const offered = await waitFor(
        () => {
          const es = distinctEvents<{ id: string; type: string }>(events.messages, matchId).filter((e) => e.type === 'match.offered');
          return es.length >= 1 ? es : null;
        },
        { message: 'match.offered on Kafka' },
      );
      // Anything late would have arrived by the time this repeat (from the store) is answered.
      const late = await post(body, key, bank.token);
      expect(late.text).toBe(answers[0]!.text);
      expect(distinctEvents<{ id: string; type: string }>(events.messages, matchId).filter((e) => e.type === 'match.offered')).toHaveLength(
        offered.length,
      );
      expect(offered).toHaveLength(1);
    } finally {
      await events.stop();
    }
  });

  it('answers a repeat from the store without executing, refuses another body under the same key, and keeps callers apart', async () => {
    const { bank, matchId } = await aMatchReadyForOffer();
    const key = `k-${Math.random().toString(36).slice(2)}`;
    const body = (amount: number) =>
      JSON.stringify({ query: MAKE_OFFER, variables: { id: matchId, input: { amount, annualRate: 3.6, termMonths: 12 } } });
    const first = await post(body(3_000_000), key, bank.token);
    expect(first.json.data!.makeOffer.offer.amount).toBe(3_000_000);
    // Without a key, making the offer again on an OFFERED match is the service's decision; with the key it is not asked.
    const repeat = await post(body(3_000_000), key, bank.token);
    expect(repeat.text).toBe(first.text);
    const other = await post(body(3_500_000), key, bank.token);
    expect(other.json.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Another caller with the same key is another request altogether (here: not the bank's match to offer on).
    const stranger = await createOfficer(admin, 'BANK_OFFICER');
    const theirs = await post(body(3_000_000), key, stranger.token);
    expect(theirs.text).not.toBe(first.text);
    expect(theirs.json.errors?.[0]?.extensions?.code).toBeDefined();
  });

  it('refuses a key that is empty, too long or not visible ASCII, and ignores a key on a query', async () => {
    const { bank, matchId } = await aMatchReadyForOffer();
    const body = JSON.stringify({
      query: MAKE_OFFER,
      variables: { id: matchId, input: { amount: 3_000_000, annualRate: 3.6, termMonths: 12 } },
    });
    for (const key of ['', 'x'.repeat(256), 'has space']) {
      const r = await post(body, key, bank.token);
      expect([key.length, r.json.errors?.[0]?.extensions?.code]).toEqual([key.length, 'BAD_USER_INPUT']);
    }
    const ok = await post(body, 'x'.repeat(255), bank.token);
    expect(ok.json.errors).toBeUndefined();
    const q = await post(JSON.stringify({ query: '{ me { id } }' }), 'not checked on reads', bank.token);
    expect(q.json.errors).toBeUndefined();
    expect(errorCode({ status: q.status, ...q.json } as never)).toBeUndefined();
  });
});
