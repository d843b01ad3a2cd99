import { errorCode, gql } from '@yinqi/testing';
import { createInstitution, createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { allProducts, productsPage, published, SEED_NAMES, SUSPEND } from './product-factory';

let admin: string;
let enterprise: EnterpriseActor;
beforeAll(async () => {
  admin = await signInAdmin();
  enterprise = await registerEnterprise();
});

const suspend = (token: string | undefined, id: string) =>
  gql<{ suspendProduct: { id: string; status: string; bank: { id: string } } }>(SUSPEND, { id }, token);

describe('suspending a product', () => {
  let bankA: { id: string; name: string };
  let officerA: string;
  let officerB: string;
  beforeAll(async () => {
    bankA = await createInstitution(admin, 'BANK');
    officerA = (await createOfficer(admin, 'BANK_OFFICER', bankA.id)).token;
    officerB = (await createOfficer(admin, 'BANK_OFFICER')).token;
  });

  it('lets only an officer of the product’s bank suspend it', async () => {
    const p = await published(officerA, { name: '小微担' });
    expect(errorCode(await suspend(officerB, p.id))).toBe('FORBIDDEN');
    expect(errorCode(await suspend(enterprise.token, p.id))).toBe('FORBIDDEN');
    expect(errorCode(await suspend((await createOfficer(admin, 'GUARANTOR_OFFICER')).token, p.id))).toBe('FORBIDDEN');
    expect(errorCode(await suspend(undefined, p.id))).toBe('UNAUTHENTICATED');
    const shelf = await allProducts(enterprise.token, { bankId: bankA.id });
    expect(shelf.nodes.find((n) => n.id === p.id)?.status).toBe('PUBLISHED');
  });

  it('answers NOT_FOUND for an unknown product', async () => {
    expect(errorCode(await suspend(officerA, 'no-such-product'))).toBe('NOT_FOUND');
  });

  it('is idempotent: suspending twice returns the suspended product', async () => {
    const p = await published(officerA, { name: '无还本续贷' });
    const first = await suspend(officerA, p.id);
    expect(first.data!.suspendProduct).toMatchObject({ id: p.id, status: 'SUSPENDED', bank: { id: bankA.id } });
    const second = await suspend(officerA, p.id);
    expect(second.errors).toBeUndefined();
    expect(second.data!.suspendProduct).toEqual(first.data!.suspendProduct);
  });

  it('takes it out of the public catalogue while the owning bank still sees it', async () => {
    const kept = await published(officerA, { name: '银政通' });
    const gone = await published(officerA, { name: '央行再贷款+' });
    await suspend(officerA, gone.id);

    const publicView = await allProducts(enterprise.token, { bankId: bankA.id });
    expect(publicView.nodes.map((n) => n.id)).toContain(kept.id);
    expect(publicView.nodes.map((n) => n.id)).not.toContain(gone.id);
    expect(publicView.pages[0]!.totalCount).toBe(publicView.nodes.length);

    const otherBankView = await allProducts(officerB, { bankId: bankA.id });
    expect(otherBankView.nodes.map((n) => n.id)).not.toContain(gone.id);

    const ownView = await allProducts(officerA, { bankId: bankA.id });
    expect(ownView.nodes.find((n) => n.id === gone.id)).toMatchObject({ status: 'SUSPENDED', bank: bankA });
    expect(ownView.pages[0]!.totalCount).toBe(publicView.nodes.length + ownView.nodes.filter((n) => n.status === 'SUSPENDED').length);
  });

  it("shows the owning bank its suspended products in the unfiltered catalogue too, and nobody else's", async () => {
    const gone = await published(officerA, { name: '五金产业贷' });
    await suspend(officerA, gone.id);

    const own = await allProducts(officerA, { first: 100 });
    expect(own.nodes.find((n) => n.id === gone.id)?.status).toBe('SUSPENDED');
    expect(own.nodes.filter((n) => n.status === 'SUSPENDED').every((n) => n.bank.id === bankA.id)).toBe(true);
    expect(new Set(own.nodes.map((n) => n.id)).size).toBe(own.nodes.length);
    expect(own.pages[0]!.totalCount).toBeGreaterThanOrEqual(own.nodes.length);

    for (const token of [enterprise.token, officerB, admin]) {
      const view = await allProducts(token, { first: 100 });
      expect(view.nodes.map((n) => n.id)).not.toContain(gone.id);
      expect(view.nodes.every((n) => n.status === 'PUBLISHED')).toBe(true);
    }
  });
});

describe('catalogue filters', () => {
  let bankA: { id: string; name: string };
  let bankB: { id: string; name: string };
  let products: Record<'srdiAndRelending' | 'relendingOnly' | 'untagged' | 'otherBankSrdi', string>;
  beforeAll(async () => {
    bankA = await createInstitution(admin, 'BANK');
    bankB = await createInstitution(admin, 'BANK');
    const officerA = (await createOfficer(admin, 'BANK_OFFICER', bankA.id)).token;
    const officerB = (await createOfficer(admin, 'BANK_OFFICER', bankB.id)).token;
    products = {
      srdiAndRelending: (await published(officerA, { name: '专精特新贷', policyTags: ['SRDI_LOAN', 'RELENDING'] })).id,
      relendingOnly: (await published(officerA, { name: '央行再贷款+', policyTags: ['RELENDING'] })).id,
      untagged: (await published(officerA, { name: '五金产业贷' })).id,
      otherBankSrdi: (await published(officerB, { name: '专精特新贷', policyTags: ['SRDI_LOAN', 'GOV_BANK_GUARANTEE'] })).id,
    };
  });

  it('filters by bank', async () => {
    const a = await allProducts(enterprise.token, { bankId: bankA.id });
    expect(a.nodes.map((n) => n.id).sort()).toEqual([products.srdiAndRelending, products.relendingOnly, products.untagged].sort());
    expect(a.nodes.every((n) => n.bank.id === bankA.id && n.bank.name === bankA.name)).toBe(true);
    const b = await allProducts(enterprise.token, { bankId: bankB.id });
    expect(b.nodes.map((n) => n.id)).toEqual([products.otherBankSrdi]);
    expect((await productsPage(enterprise.token, { bankId: 'no-such-bank' })).data!.products).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 0,
    });
  });

  it('filters by policy tag, alone or with a bank', async () => {
    const srdiA = await allProducts(enterprise.token, { bankId: bankA.id, policyTag: 'SRDI_LOAN' });
    expect(srdiA.nodes.map((n) => n.id)).toEqual([products.srdiAndRelending]);
    const relendingA = await allProducts(enterprise.token, { bankId: bankA.id, policyTag: 'RELENDING' });
    expect(relendingA.nodes.map((n) => n.id).sort()).toEqual([products.srdiAndRelending, products.relendingOnly].sort());
    expect(relendingA.pages[0]!.totalCount).toBe(2);

    const srdiAll = await allProducts(enterprise.token, { policyTag: 'SRDI_LOAN', first: 100 });
    expect(srdiAll.nodes.every((n) => n.policyTags.includes('SRDI_LOAN'))).toBe(true);
    expect(srdiAll.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([products.srdiAndRelending, products.otherBankSrdi]));
    expect(srdiAll.nodes.map((n) => n.id)).not.toContain(products.relendingOnly);
  });

  it('refuses an unknown policy tag', async () => {
    expect(errorCode(await productsPage(enterprise.token, { policyTag: 'FREE_MONEY' }))).toBe('BAD_USER_INPUT');
  });
});

describe('catalogue pagination', () => {
  let bank: { id: string };
  let ids: string[];
  beforeAll(async () => {
    bank = await createInstitution(admin, 'BANK');
    const officer = (await createOfficer(admin, 'BANK_OFFICER', bank.id)).token;
    // In parallel on purpose: products created in the same millisecond must still page cleanly.
    ids = (await Promise.all(Array.from({ length: 21 }, (_, i) => published(officer, { name: SEED_NAMES[i % SEED_NAMES.length] })))).map(
      (p) => p.id,
    );
  });

  it('walks every page without duplicates or gaps, with the right totalCount', async () => {
    const { nodes, pages } = await allProducts(enterprise.token, { bankId: bank.id, first: 8 });
    expect(pages.map((p) => p.edges.length)).toEqual([8, 8, 5]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.totalCount)).toEqual([21, 21, 21]);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(21);
    expect(nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(pages.at(-1)!.pageInfo.endCursor).toBe(pages.at(-1)!.edges.at(-1)!.cursor);
  });

  it('pages 20 at a time by default and up to 100 when asked', async () => {
    const byDefault = await productsPage(enterprise.token, { bankId: bank.id });
    expect(byDefault.data!.products.edges).toHaveLength(20);
    expect(byDefault.data!.products.pageInfo.hasNextPage).toBe(true);
    const hundred = await productsPage(enterprise.token, { bankId: bank.id, first: 100 });
    expect(hundred.data!.products.edges).toHaveLength(21);
    expect(hundred.data!.products.pageInfo.hasNextPage).toBe(false);
  });

  it.each([0, 101, -1])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    expect(errorCode(await productsPage(enterprise.token, { first }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor it did not hand out', async () => {
    expect(errorCode(await productsPage(enterprise.token, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it('is for signed-in users only', async () => {
    expect(errorCode(await productsPage(undefined, {}))).toBe('UNAUTHENTICATED');
  });
});

describe("the batch behind the gateway's product loader", () => {
  it('returns the products it finds, suspended ones included, to any signed-in caller', async () => {
    const bank = await createInstitution(admin, 'BANK');
    const officer = (await createOfficer(admin, 'BANK_OFFICER', bank.id)).token;
    const live = await published(officer, { name: '银政通' });
    const gone = await published(officer, { name: '小微担' });
    await suspend(officer, gone.id);
    // Straight to the service: no public query batches products by id yet (Match.product will).
    // PRODUCT_URL lists every replica (comma-separated): any one of them answers.
    const url = `${process.env.PRODUCT_URL!.split(',')[0]}/products?ids=${[live.id, gone.id, 'missing'].join(',')}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${enterprise.token}` } });
    expect(res.status).toBe(200);
    const found = (await res.json()) as { id: string; status: string; bankId: string }[];
    expect(found.map((p) => [p.id, p.status]).sort()).toEqual(
      [
        [live.id, 'PUBLISHED'],
        [gone.id, 'SUSPENDED'],
      ].sort(),
    );
    expect((await fetch(url)).status).toBe(401);
  });
});
