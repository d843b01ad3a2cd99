import { errorCode, gql } from '@yinqi/testing';
import { aDemandInput, createOfficer, postDemand, registerEnterprise, signInAdmin } from '../support/actors';

const FIELDS = 'id amount termMonths purpose collateral maxAnnualRate needsGuarantee description status createdAt enterprise { id name }';
const POST = `mutation($input:DemandInput!){ postDemand(input:$input){ ${FIELDS} } }`;
const WITHDRAW = `mutation($id:ID!){ withdrawDemand(id:$id){ ${FIELDS} } }`;
const DEMAND = `query($id:ID!){ demand(id:$id){ ${FIELDS} } }`;
const MINE = `{ myDemands { ${FIELDS} } }`;

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('posting a demand (融资需求)', () => {
  it('answers the demand OPEN with its enterprise, right after sign-up, and myDemands shows it at once', async () => {
    const ent = await registerEnterprise({ name: '重庆大足石刻文创有限公司' });
    const input = {
      amount: 3_000_000,
      termMonths: 24,
      purpose: 'EQUIPMENT',
      collateral: 'IP_PLEDGE',
      maxAnnualRate: 3.85,
      needsGuarantee: true,
      description: '购置激光雕刻设备',
    };
    const posted = await gql(POST, { input: aDemandInput(input) }, ent.token);
    expect(posted.errors).toBeUndefined();
    const d = posted.data!.postDemand;
    expect(d).toMatchObject({
      ...input,
      status: 'OPEN',
      enterprise: { id: ent.enterpriseId, name: '重庆大足石刻文创有限公司' },
    });
    expect(Date.parse(d.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const mine = await gql(MINE, {}, ent.token);
    expect(mine.errors).toBeUndefined();
    // Status aside: in a full stack the matching service may already have matched it.
    expect(mine.data!.myDemands).toEqual([{ ...d, status: expect.any(String) }]);
  });

  it('survives the sign-up race: register, post at once, read myDemands with enterprise { id name }', async () => {
    const runs = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const ent = await registerEnterprise({ name: `重庆大足竞速测试${i}有限公司` });
        const d = await postDemand(ent.token);
        const mine = await gql('{ myDemands { id enterprise { id name } } }', {}, ent.token);
        return { ent, d, i, mine };
      }),
    );
    for (const { ent, d, i, mine } of runs) {
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.myDemands).toEqual([{ id: d.id, enterprise: { id: ent.enterpriseId, name: `重庆大足竞速测试${i}有限公司` } }]);
    }
  });

  it('lists myDemands newest first', async () => {
    const ent = await registerEnterprise();
    const a = await postDemand(ent.token, { amount: 1_000_000 });
    const b = await postDemand(ent.token, { amount: 2_000_000 });
    const c = await postDemand(ent.token, { amount: 3_000_000 });
    const mine = await gql('{ myDemands { id } }', {}, ent.token);
    expect(mine.data!.myDemands.map((x: { id: string }) => x.id)).toEqual([c.id, b.id, a.id]);
  });

  it('accepts every boundary value', async () => {
    const ent = await registerEnterprise();
    for (const over of [
      { amount: 1 },
      { amount: 2_000_000_000 },
      { termMonths: 1 },
      { termMonths: 360 },
      { maxAnnualRate: 36 },
      { maxAnnualRate: 0.01 },
      { maxAnnualRate: null },
      { description: '需'.repeat(2_000) },
      { description: null },
    ]) {
      const r = await gql(POST, { input: aDemandInput(over) }, ent.token);
      expect({ over, errors: r.errors }).toEqual({ over, errors: undefined });
    }
    const noOptional = await gql(
      POST,
      { input: { amount: 10, termMonths: 6, purpose: 'RND', collateral: 'RECEIVABLES', needsGuarantee: false } },
      ent.token,
    );
    expect(noOptional.data!.postDemand).toMatchObject({ maxAnnualRate: null, description: null });
  });

  it('refuses one step past every boundary with BAD_USER_INPUT and writes nothing', async () => {
    const ent = await registerEnterprise();
    for (const over of [
      { amount: 0 },
      { amount: -5 },
      { amount: 2_000_000_001 },
      { termMonths: 0 },
      { termMonths: 361 },
      { maxAnnualRate: 0 },
      { maxAnnualRate: -1 },
      { maxAnnualRate: 36.01 },
      { description: '需'.repeat(2_001) },
      { purpose: 'YACHT' },
      { collateral: 'GOODWILL' },
    ]) {
      const r = await gql(POST, { input: aDemandInput(over as never) }, ent.token);
      expect({ over, code: errorCode(r) }).toEqual({ over, code: 'BAD_USER_INPUT' });
    }
    expect(errorCode(await gql(POST, { input: { ...aDemandInput(), amount: undefined } }, ent.token))).toBe('BAD_USER_INPUT');
    expect((await gql(MINE, {}, ent.token)).data!.myDemands).toEqual([]);
  });

  it('is for enterprises only', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await gql(POST, { input: aDemandInput() }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(POST, { input: aDemandInput() }, admin))).toBe('FORBIDDEN');
    expect(errorCode(await gql(POST, { input: aDemandInput() }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(MINE, {}, admin))).toBe('FORBIDDEN');
    expect(errorCode(await gql(MINE))).toBe('UNAUTHENTICATED');
  });
});

describe('withdrawing a demand', () => {
  it('is done by the owner; a second withdrawal answers the withdrawn demand', async () => {
    const ent = await registerEnterprise();
    const d = await postDemand(ent.token);
    const first = await gql(WITHDRAW, { id: d.id }, ent.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.withdrawDemand).toMatchObject({ id: d.id, status: 'WITHDRAWN' });
    const second = await gql(WITHDRAW, { id: d.id }, ent.token);
    expect(second.data!.withdrawDemand).toEqual(first.data!.withdrawDemand);
    expect((await gql(MINE, {}, ent.token)).data!.myDemands[0]).toMatchObject({ id: d.id, status: 'WITHDRAWN' });
  });

  it('is FORBIDDEN to another enterprise and to officers, NOT_FOUND for an unknown demand', async () => {
    const owner = await registerEnterprise();
    const other = await registerEnterprise();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const d = await postDemand(owner.token);
    expect(errorCode(await gql(WITHDRAW, { id: d.id }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(WITHDRAW, { id: d.id }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(WITHDRAW, { id: d.id }, admin))).toBe('FORBIDDEN');
    expect(errorCode(await gql(WITHDRAW, { id: 'no-such-demand' }, owner.token))).toBe('NOT_FOUND');
    expect((await gql(DEMAND, { id: d.id }, owner.token)).data!.demand.status).not.toBe('WITHDRAWN');
  });
});

describe('who sees a demand', () => {
  it('shows it to its owner and the finance centre, not to another enterprise or an unmatched bank; unknown is null', async () => {
    const owner = await registerEnterprise();
    const other = await registerEnterprise();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const d = await postDemand(owner.token);
    expect((await gql(DEMAND, { id: d.id }, owner.token)).data!.demand).toMatchObject({ id: d.id, enterprise: { id: owner.enterpriseId } });
    const fc = await gql(DEMAND, { id: d.id }, admin);
    expect(fc.errors).toBeUndefined();
    expect(fc.data!.demand).toMatchObject({ id: d.id, enterprise: { id: owner.enterpriseId } });
    expect(errorCode(await gql(DEMAND, { id: d.id }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(DEMAND, { id: d.id }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(DEMAND, { id: d.id }))).toBe('UNAUTHENTICATED');
    const unknown = await gql(DEMAND, { id: 'no-such-demand' }, admin);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.demand).toBeNull();
  });
});
