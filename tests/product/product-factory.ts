// Small factories and queries for the product (金融产品超市) end-to-end tests.
import { aProductInput, gql, type GraphQLResult } from '@yinqi/testing';

export const PRODUCT_FIELDS = `id bank { id name } name status minAmount maxAmount minTermMonths maxTermMonths
  annualRateMin annualRateMax eligibleTiers industries purposes collateralAccepted requiresWhitelist requiresGuarantee
  rdUpliftThreshold rdUpliftRatio policyTags`;

export const PUBLISH = `mutation($input: ProductInput!){ publishProduct(input: $input){ ${PRODUCT_FIELDS} } }`;
export const SUSPEND = `mutation($id: ID!){ suspendProduct(id: $id){ ${PRODUCT_FIELDS} } }`;
export const PRODUCTS = `query($bankId: ID, $policyTag: PolicyTag, $first: Int, $after: String){
  products(bankId: $bankId, policyTag: $policyTag, first: $first, after: $after){
    edges { cursor node { id name status bank { id name } policyTags } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

export const SEED_NAMES = ['专精特新贷', '五金产业贷', '银政通', '小微担', '央行再贷款+', '无还本续贷'] as const;

export interface ProductNode {
  id: string;
  name: string;
  status: 'PUBLISHED' | 'SUSPENDED';
  bank: { id: string; name: string };
  policyTags: string[];
}
export interface ProductPage {
  edges: { cursor: string; node: ProductNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** A valid ProductInput; each test overrides what it is about. */
export const aProduct = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  // An industry no enterprise has: the catalogue tests publish many products, and unrestricted
  // ones would be matched against every demand other test files post in the same run.
  aProductInput({ industries: ['产品目录测试'], ...overrides });

export const publish = (token: string | undefined, input: Record<string, unknown>) =>
  gql<{ publishProduct: Record<string, unknown> & { id: string } }>(PUBLISH, { input }, token);

/** Publishes and fails loudly when that does not work (for arranging other tests). */
export async function published(token: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const r = await publish(token, aProduct(overrides));
  if (!r.data) throw new Error(`publishProduct failed: ${JSON.stringify(r.errors)}`);
  return { id: r.data.publishProduct.id, name: r.data.publishProduct.name as string };
}

export const productsPage = (
  token: string | undefined,
  args: { bankId?: string; policyTag?: string; first?: number; after?: string | null } = {},
) => gql<{ products: ProductPage }>(PRODUCTS, args, token);

/** Walks every page of a catalogue query; fails on an error answer. */
export async function allProducts(
  token: string,
  args: { bankId?: string; policyTag?: string; first?: number } = {},
): Promise<{ nodes: ProductNode[]; pages: ProductPage[] }> {
  const pages: ProductPage[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1_000; i += 1) {
    const r: GraphQLResult<{ products: ProductPage }> = await productsPage(token, { ...args, after });
    if (!r.data) throw new Error(`products failed: ${JSON.stringify(r.errors)}`);
    pages.push(r.data.products);
    if (!r.data.products.pageInfo.hasNextPage) break;
    after = r.data.products.pageInfo.endCursor;
  }
  return { nodes: pages.flatMap((p) => p.edges.map((e) => e.node)), pages };
}
