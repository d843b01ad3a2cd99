// Building blocks for matching e2e tests: everything goes through the public GraphQL API.
import { aProductInput, gql, waitFor } from '@yinqi/testing';

export const MATCH_FIELDS =
  'id status score reasons { rule passed detail } product { id name } bank { id name } demand { id } offer { amount annualRate termMonths conditions allInAnnualRate } createdAt';

export async function publishProduct(token: string, input: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const r = await gql<{ publishProduct: { id: string; name: string } }>(
    'mutation($input:ProductInput!){ publishProduct(input:$input){ id name } }',
    { input: aProductInput({ annualRateMin: 3.45, annualRateMax: 4.35, ...input }) },
    token,
  );
  if (!r.data) throw new Error(`publishProduct failed: ${JSON.stringify(r.errors)}`);
  return r.data.publishProduct;
}

export async function postDemand(token: string, input: Record<string, unknown> = {}): Promise<{ id: string; status: string }> {
  const r = await gql<{ postDemand: { id: string; status: string } }>(
    'mutation($input:DemandInput!){ postDemand(input:$input){ id status } }',
    { input: { amount: 5_000_000, termMonths: 12, purpose: 'WORKING_CAPITAL', collateral: 'CREDIT', needsGuarantee: false, ...input } },
    token,
  );
  if (!r.data) throw new Error(`postDemand failed: ${JSON.stringify(r.errors)}`);
  return r.data.postDemand;
}

/** Certification by the finance centre, once the enterprise's profile exists (it is built from an event). */
export async function certify(admin: string, enterpriseId: string, tier: string, whitelisted: boolean) {
  await waitFor(async () => (await gql('query($id:ID!){ enterprise(id:$id){ id } }', { id: enterpriseId }, admin)).data?.enterprise, {
    message: 'enterprise profile',
  });
  const r = await gql(
    'mutation($id:ID!,$t:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id, tier:$t, whitelisted:$w){ id tier whitelisted } }',
    { id: enterpriseId, t: tier, w: whitelisted },
    admin,
  );
  if (!r.data) throw new Error(`certify failed: ${JSON.stringify(r.errors)}`);
}

export interface MatchView {
  id: string;
  status: string;
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  product: { id: string; name: string };
  bank: { id: string; name: string };
  offer: { amount: number; annualRate: number; allInAnnualRate: number } | null;
}

export async function matchesOf(token: string, demandId: string): Promise<MatchView[]> {
  const r = await gql<{ demand: { matches: MatchView[] } | null }>(
    `query($id:ID!){ demand(id:$id){ matches { ${MATCH_FIELDS} } } }`,
    { id: demandId },
    token,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data?.demand?.matches ?? [];
}

/**
 * Waits until the demand's matches (as `token` sees them) with one of `products` satisfy `ok`,
 * and returns those. Other test files publish products in the same namespace at the same time;
 * they may match too, so assertions look at this test's products only.
 */
export function waitForMatches(
  token: string,
  demandId: string,
  products: { id: string }[],
  ok: (ms: MatchView[]) => boolean,
  message: string,
) {
  const ids = new Set(products.map((p) => p.id));
  return waitFor(
    async () => {
      const ms = (await matchesOf(token, demandId)).filter((m) => ids.has(m.product.id));
      return ok(ms) ? ms : null;
    },
    { timeoutMs: 30_000, intervalMs: 100, message },
  );
}

export const withProduct = (ms: MatchView[], productId: string) => ms.find((m) => m.product.id === productId);
