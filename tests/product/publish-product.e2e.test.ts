import { errorCode, productInputBoundaries, productInputDefaults } from '@yinqi/testing';
import { createInstitution, createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { aProduct, productsPage, publish } from './product-factory';

let admin: string;
let bank: { id: string; name: string };
let officer: string;
beforeAll(async () => {
  admin = await signInAdmin();
  bank = await createInstitution(admin, 'BANK', `大足农商行-${Date.now()}`);
  officer = (await createOfficer(admin, 'BANK_OFFICER', bank.id)).token;
});

describe('publishing a product (金融产品超市)', () => {
  it("puts it on the officer's bank's shelf and in the catalogue with its bank", async () => {
    const input = aProduct({
      name: '专精特新贷',
      eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'],
      industries: ['五金', '汽摩配件'],
      purposes: ['RND', 'TECH_UPGRADE'],
      collateralAccepted: ['CREDIT', 'IP_PLEDGE'],
      requiresWhitelist: true,
      rdUpliftThreshold: 2_000_000,
      rdUpliftRatio: 0.3,
      policyTags: ['SRDI_LOAN', 'RELENDING'],
    });
    const r = await publish(officer, input);
    expect(r.errors).toBeUndefined();
    expect(r.data!.publishProduct).toEqual({ ...input, id: expect.any(String), bank, status: 'PUBLISHED', requiresGuarantee: false });

    const ent = await registerEnterprise();
    const page = await productsPage(ent.token, { bankId: bank.id });
    expect(page.data!.products.edges.map((e) => e.node)).toContainEqual({
      id: r.data!.publishProduct.id,
      name: '专精特新贷',
      status: 'PUBLISHED',
      bank,
      policyTags: ['SRDI_LOAN', 'RELENDING'],
    });
  });

  it('fills the defaults: empty lists mean "any", no whitelist or guarantee needed, no R&D uplift', async () => {
    const r = await publish(officer, aProduct({ name: '银政通', industries: undefined })); // no industries at all: the default
    expect(r.data!.publishProduct).toMatchObject(productInputDefaults());
  });

  it('drops repeated list entries', async () => {
    const r = await publish(
      officer,
      aProduct({
        name: '五金产业贷',
        industries: ['五金', '五金'],
        policyTags: ['SRDI_LOAN', 'SRDI_LOAN'],
        purposes: ['EQUIPMENT', 'EQUIPMENT'],
        eligibleTiers: ['NONE', 'NONE'],
        collateralAccepted: ['MORTGAGE', 'MORTGAGE'],
      }),
    );
    expect(r.data!.publishProduct).toMatchObject({
      industries: ['五金'],
      policyTags: ['SRDI_LOAN'],
      purposes: ['EQUIPMENT'],
      eligibleTiers: ['NONE'],
      collateralAccepted: ['MORTGAGE'],
    });
  });

  it('lets only bank officers publish', async () => {
    const ent = await registerEnterprise();
    const guarantor = await createOfficer(admin, 'GUARANTOR_OFFICER');
    const fund = await createOfficer(admin, 'FUND_OFFICER');
    for (const token of [ent.token, guarantor.token, fund.token, admin]) {
      expect(errorCode(await publish(token, aProduct({ name: '小微担' })))).toBe('FORBIDDEN');
    }
    expect(errorCode(await publish(undefined, aProduct({ name: '小微担' })))).toBe('UNAUTHENTICATED');
  });
});

describe('ProductInput validation', () => {
  it('accepts every boundary value', async () => {
    const boundaries = productInputBoundaries(0.01);
    for (const b of boundaries) {
      const r = await publish(officer, aProduct(b));
      expect([b, r.errors]).toEqual([b, undefined]);
      expect(r.data!.publishProduct).toMatchObject(b);
    }
  });

  describe('refuses with BAD_USER_INPUT and writes nothing', () => {
    let emptyBank: { id: string };
    let emptyBankOfficer: string;
    beforeAll(async () => {
      emptyBank = await createInstitution(admin, 'BANK');
      emptyBankOfficer = (await createOfficer(admin, 'BANK_OFFICER', emptyBank.id)).token;
    });

    it.each<[string, Record<string, unknown>]>([
      ['an empty name', { name: '' }],
      ['a blank name', { name: '   ' }],
      ['a name of 101 characters', { name: 'x'.repeat(101) }],
      ['minAmount 0', { minAmount: 0 }],
      ['a negative minAmount', { minAmount: -1 }],
      ['maxAmount 2,000,000,001', { maxAmount: 2_000_000_001 }],
      ['a fractional amount', { minAmount: 1.5 }],
      ['minAmount above maxAmount', { minAmount: 10_000_001, maxAmount: 10_000_000 }],
      ['minTermMonths 0', { minTermMonths: 0 }],
      ['maxTermMonths 361', { maxTermMonths: 361 }],
      ['minTermMonths above maxTermMonths', { minTermMonths: 37, maxTermMonths: 36 }],
      ['annualRateMin 0', { annualRateMin: 0 }],
      ['a negative rate', { annualRateMin: -0.5 }],
      ['annualRateMax above 36', { annualRateMax: 36.01 }],
      ['annualRateMin above annualRateMax', { annualRateMin: 4.51, annualRateMax: 4.5 }],
      ['rdUpliftRatio below 0', { rdUpliftRatio: -0.01, rdUpliftThreshold: 0 }],
      ['rdUpliftRatio above 1', { rdUpliftRatio: 1.01, rdUpliftThreshold: 0 }],
      ['a negative rdUpliftThreshold', { rdUpliftRatio: 0.2, rdUpliftThreshold: -1 }],
      ['rdUpliftRatio without rdUpliftThreshold', { rdUpliftRatio: 0.2 }],
      ['rdUpliftThreshold without rdUpliftRatio', { rdUpliftThreshold: 1_000_000 }],
      ['an empty industry', { industries: ['五金', ''] }],
      ['an industry of 101 characters', { industries: ['y'.repeat(101)] }],
      ['51 industries', { industries: Array.from({ length: 51 }, (_, i) => `行业${i}`) }],
      ['an unknown policy tag', { policyTags: ['FREE_MONEY'] }],
      ['an unknown tier', { eligibleTiers: ['GIANT'] }],
      ['a missing required field', { annualRateMax: undefined }],
    ])('refuses %s', async (_label, overrides) => {
      expect(errorCode(await publish(emptyBankOfficer, aProduct(overrides)))).toBe('BAD_USER_INPUT');
    });

    it("left the bank's shelf empty after all those refusals", async () => {
      // The bank's own officer sees every status of its shelf.
      const page = await productsPage(emptyBankOfficer, { bankId: emptyBank.id });
      expect(page.data!.products.totalCount).toBe(0);
    });
  });
});
