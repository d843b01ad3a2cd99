// Products by name (issue 19): part of the name finds a product in the catalogue as the caller may see it.
import { gql, waitFor } from '@yinqi/testing';
import { createOfficer, signInAdmin } from '../support/actors';
import { aProduct, publish, SUSPEND, type ProductPage } from './product-factory';

const SEARCH = `query($search:String,$bankId:ID,$first:Int,$after:String){
  products(search:$search,bankId:$bankId,first:$first,after:$after){
    edges { cursor node { id name status } } pageInfo { hasNextPage endCursor } totalCount } }`;
const TAG = Array.from({ length: 3 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');

describe('product search by name', () => {
  it('finds products by part of the name, pages them, and hides another bank’s suspended one', async () => {
    const admin = await signInAdmin();
    const [bank, other] = await Promise.all([createOfficer(admin, 'BANK_OFFICER'), createOfficer(admin, 'BANK_OFFICER')]);
    const names = [`${TAG}专精特新贷`, `科技${TAG}信用贷`, `五金${TAG}产业贷`];
    const published = [];
    for (const name of names) published.push((await publish(bank.token, aProduct({ name }))).data!.publishProduct);
    const decoy = (await publish(bank.token, aProduct({ name: `专精${TAG.slice(0, 2)}特新贷` }))).data!.publishProduct;
    const search = (vars: Record<string, unknown>, token = other.token) => gql<{ products: ProductPage }>(SEARCH, vars, token);

    const found = await waitFor(async () => {
      const r = await search({ search: TAG, first: 10 });
      return r.data?.products.totalCount === 3 ? r : null;
    });
    expect(found.data!.products.edges.map((e) => e.node.id).sort()).toEqual(published.map((p) => p.id).sort());
    expect(found.data!.products.edges.map((e) => e.node.id)).not.toContain(decoy.id);
    const one = await search({ search: `科技${TAG}` });
    expect(one.data!.products.edges.map((e) => e.node.name)).toEqual([`科技${TAG}信用贷`]);

    const page1 = await search({ search: TAG, first: 2 });
    const page2 = await search({ search: TAG, first: 2, after: page1.data!.products.pageInfo.endCursor });
    expect(page1.data!.products.pageInfo.hasNextPage).toBe(true);
    expect(page2.data!.products).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(page2.data!.products.edges).toHaveLength(1);

    expect((await gql(SUSPEND, { id: published[0]!.id }, bank.token)).errors).toBeUndefined();
    // The gateway's answer cache forgets the catalogue when product.suspended arrives.
    await waitFor(async () => (await search({ search: TAG })).data?.products.totalCount === 2, { message: 'suspended one hidden' });
    expect((await search({ search: TAG }, bank.token)).data!.products.totalCount).toBe(3);
  });
});
