import { errorCode, gql, registeredProfile, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';

const FIELDS = 'id name uscc industry town tier whitelisted annualRevenue employees rdSuperDeductionFiled highValuePatents';
const ENTERPRISE = `query($id:ID!){ enterprise(id:$id){ ${FIELDS} } }`;
const UPDATE = `mutation($input:EnterpriseProfileInput!){ updateEnterpriseProfile(input:$input){ ${FIELDS} } }`;

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('enterprise profile (企业画像)', () => {
  it('appears after registration with the registered details, tier NONE and not whitelisted', async () => {
    const ent = await registerEnterprise({ name: '重庆大足五金制品有限公司', industry: '五金', town: '龙水镇' });
    const r = await waitFor(async () => (await gql(ENTERPRISE, { id: ent.enterpriseId }, admin)).data?.enterprise, {
      message: 'profile projected',
    });
    expect(r).toEqual({
      id: ent.enterpriseId,
      name: '重庆大足五金制品有限公司',
      uscc: ent.uscc,
      industry: '五金',
      town: '龙水镇',
      ...registeredProfile(),
    });
  });

  it('is answered to the enterprise itself right after sign-up (the registration event may still be in flight)', async () => {
    const ent = await registerEnterprise();
    const r = await gql(ENTERPRISE, { id: ent.enterpriseId }, ent.token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.enterprise).toMatchObject({ id: ent.enterpriseId, tier: 'NONE' });
  });

  it('is updated by its owner right after sign-up, field by field; an explicit null clears a field', async () => {
    const ent = await registerEnterprise();
    const first = await gql(
      UPDATE,
      { input: { annualRevenue: 86_000_000, employees: 230, rdSuperDeductionFiled: 3_200_000, highValuePatents: 7 } },
      ent.token,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateEnterpriseProfile).toMatchObject({
      id: ent.enterpriseId,
      annualRevenue: 86_000_000,
      employees: 230,
      rdSuperDeductionFiled: 3_200_000,
      highValuePatents: 7,
    });
    const second = await gql(UPDATE, { input: { employees: 260, highValuePatents: null } }, ent.token);
    expect(second.data!.updateEnterpriseProfile).toMatchObject({
      annualRevenue: 86_000_000,
      employees: 260,
      rdSuperDeductionFiled: 3_200_000,
      highValuePatents: null,
    });
    expect((await gql(ENTERPRISE, { id: ent.enterpriseId }, admin)).data!.enterprise).toMatchObject({
      employees: 260,
      highValuePatents: null,
    });
  });

  it('accepts the limits and refuses values past them with BAD_USER_INPUT, changing nothing', async () => {
    const ent = await registerEnterprise();
    const max = await gql(
      UPDATE,
      { input: { annualRevenue: 2_000_000_000, rdSuperDeductionFiled: 2_000_000_000, employees: 10_000_000, highValuePatents: 0 } },
      ent.token,
    );
    expect(max.errors).toBeUndefined();
    for (const input of [
      { annualRevenue: -1 },
      { annualRevenue: 2_000_000_001 },
      { rdSuperDeductionFiled: 2_000_000_001 },
      { employees: 10_000_001 },
      { highValuePatents: -1 },
      { employees: 1.5 },
    ]) {
      expect(errorCode(await gql(UPDATE, { input }, ent.token))).toBe('BAD_USER_INPUT');
    }
    expect((await gql(ENTERPRISE, { id: ent.enterpriseId }, ent.token)).data!.enterprise).toMatchObject({
      annualRevenue: 2_000_000_000,
      employees: 10_000_000,
      highValuePatents: 0,
    });
  });

  it('is updated by enterprises only', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await gql(UPDATE, { input: { employees: 1 } }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(UPDATE, { input: { employees: 1 } }, admin))).toBe('FORBIDDEN');
    expect(errorCode(await gql(UPDATE, { input: { employees: 1 } }))).toBe('UNAUTHENTICATED');
  });

  it('is hidden from other enterprises and unrelated institutions; unknown ids are null', async () => {
    const ent = await registerEnterprise();
    const other = await registerEnterprise();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const guarantor = await createOfficer(admin, 'GUARANTOR_OFFICER');
    await waitFor(async () => (await gql(ENTERPRISE, { id: ent.enterpriseId }, admin)).data?.enterprise);
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, guarantor.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }))).toBe('UNAUTHENTICATED');
    const unknown = await gql(ENTERPRISE, { id: 'no-such-enterprise' }, admin);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.enterprise).toBeNull();
  });
});
