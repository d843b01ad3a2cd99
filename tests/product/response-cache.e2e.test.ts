// The gateway's answer cache for common reads (gateway/src/response-cache.ts), as users notice it:
// answers are never shared across banks, a caller reads its own writes at once, and a change made
// anywhere shows within the stated bound (GATEWAY_CACHE_TTL_MS, 1 s) — sooner when its event arrives.
import { aProductInput, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { publishProduct } from '../matching/journey';

const BOUND_MS = 1_000;
const SHELF = 'query($bank:ID){ products(bankId:$bank, first: 100){ edges { node { id name status } } } }';
const POLICY = '{ policy { guaranteeFeeRateCap guaranteeFeeRateTarget riskShareGuarantor } }';

interface Shelf {
  products: { edges: { node: { id: string; name: string; status: string } }[] };
}
const idsOf = (r: { data?: Shelf | null }) => r.data!.products.edges.map((e) => e.node.id);

const gatewayBase = () => new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4100/graphql').origin;
async function cacheHits(): Promise<number> {
  const text = await (await fetch(`${gatewayBase()}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_response_cache_hits_total '));
  if (!line) throw new Error(`the gateway's /metrics has no cache counter:\n${text}`);
  return Number(line.split(' ')[1]);
}

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe("the gateway's answer cache", () => {
  it('answers a repeated read from memory', async () => {
    const ent = await registerEnterprise();
    // `policy` changes rarely (other files publish products all the time, which rightly drops
    // cached catalogues), so back-to-back reads of it should mostly be hits.
    // Two reads back to back: the second is a hit, unless a policy change or the 1 s bound fell
    // between them (other files run at the same time), so try a few pairs.
    await waitFor(
      async () => {
        expect((await gql(POLICY, {}, ent.token)).errors).toBeUndefined();
        const before = await cacheHits();
        expect((await gql(POLICY, {}, ent.token)).errors).toBeUndefined();
        return (await cacheHits()) > before;
      },
      { timeoutMs: 20_000, intervalMs: 50, message: 'a repeated read answered from the cache' },
    );
  });

  it('never gives one bank the answer computed for another (the same query, a shelf with a suspended product)', async () => {
    const [a, b] = await Promise.all([createOfficer(admin, 'BANK_OFFICER'), createOfficer(admin, 'BANK_OFFICER')]);
    const live = await publishProduct(a.token, { name: '科创贷' });
    const hidden = await publishProduct(a.token, { name: '暂停贷' });
    const suspended = await gql('mutation($id:ID!){ suspendProduct(id:$id){ id status } }', { id: hidden.id }, a.token);
    expect(suspended.errors).toBeUndefined();
    // Bank A's officer asks first: its answer (with its own suspended product) is what gets cached.
    const own = await gql<Shelf>(SHELF, { bank: a.institutionId }, a.token);
    expect(idsOf(own).sort()).toEqual([live.id, hidden.id].sort());
    for (let i = 0; i < 3; i += 1) {
      const other = await gql<Shelf>(SHELF, { bank: a.institutionId }, b.token);
      expect(idsOf(other)).toEqual([live.id]);
    }
    const ent = await registerEnterprise();
    expect(idsOf(await gql<Shelf>(SHELF, { bank: a.institutionId }, ent.token))).toEqual([live.id]);
  });

  it('shows a caller its own write at once', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(idsOf(await gql<Shelf>(SHELF, { bank: bank.institutionId }, bank.token))).toEqual([]);
    const p = await publishProduct(bank.token, { name: '专精特新贷' });
    expect(idsOf(await gql<Shelf>(SHELF, { bank: bank.institutionId }, bank.token))).toEqual([p.id]);
  });

  it('shows a change made behind the gateway (straight at the product service) within the bound', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const ent = await registerEnterprise();
    const first = await publishProduct(bank.token, { name: '银税贷' });
    // The enterprise's answer is cached now.
    expect(idsOf(await gql<Shelf>(SHELF, { bank: bank.institutionId }, ent.token))).toEqual([first.id]);
    expect(idsOf(await gql<Shelf>(SHELF, { bank: bank.institutionId }, ent.token))).toEqual([first.id]);
    // A publish the gateway never saw as a mutation: only its event (or the time bound) can tell it.
    const base = process.env.PRODUCT_URL!.split(',')[0]!;
    const res = await fetch(`${base}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bank.token}` },
      body: JSON.stringify(aProductInput({ name: '人才贷', annualRateMin: 3.45, annualRateMax: 4.35 })),
    });
    expect(res.ok).toBe(true);
    const second = (await res.json()) as { id: string };
    const published = Date.now();
    // Usually at once (the product.published event reaches the gateway in milliseconds)…
    const seen = await waitFor(
      async () => (idsOf(await gql<Shelf>(SHELF, { bank: bank.institutionId }, ent.token)).includes(second.id) ? Date.now() : null),
      {
        timeoutMs: 10_000,
        intervalMs: 20,
        message: 'the new product in the cached catalogue',
      },
    );
    // …and never later than the bound (plus one query's time on a busy machine).
    expect(seen - published).toBeLessThan(BOUND_MS + 500);
  });
});
