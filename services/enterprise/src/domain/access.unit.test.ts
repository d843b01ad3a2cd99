import type { Principal } from '@yinqi/auth';
import { canSeeDemand, canSeeEnterprise, ownsDemand } from './access';

const ent = (orgId: string): Principal => ({ userId: 'u', role: 'ENTERPRISE', orgId });
const bank = (orgId: string): Principal => ({ userId: 'u', role: 'BANK_OFFICER', orgId });
const guarantor = (orgId: string): Principal => ({ userId: 'u', role: 'GUARANTOR_OFFICER', orgId });
const financeCentre: Principal = { userId: 'u', role: 'FINANCE_CENTER' };
const fund: Principal = { userId: 'u', role: 'FUND_OFFICER', orgId: 'f1' };

const relations = { enterpriseId: 'e1', bankIds: ['b1'], guarantorIds: ['g1'] };

describe.each([
  ['enterprise', canSeeEnterprise],
  ['demand', canSeeDemand],
])('who may see an %s', (_, canSee) => {
  it('lets the finance centre and the enterprise itself', () => {
    expect(canSee(financeCentre, relations)).toBe(true);
    expect(canSee(ent('e1'), relations)).toBe(true);
  });
  it('lets an institution with a match or guarantee request, and no other', () => {
    expect(canSee(bank('b1'), relations)).toBe(true);
    expect(canSee(guarantor('g1'), relations)).toBe(true);
    expect(canSee(bank('b2'), relations)).toBe(false);
    expect(canSee(guarantor('g2'), relations)).toBe(false);
  });
  it('refuses another enterprise, a fund, and a bank officer claiming a guarantor relation', () => {
    expect(canSee(ent('e2'), relations)).toBe(false);
    expect(canSee(fund, relations)).toBe(false);
    expect(canSee(bank('g1'), relations)).toBe(false);
    expect(canSee({ userId: 'u', role: 'ENTERPRISE' }, relations)).toBe(false);
  });
});

describe('who owns a demand', () => {
  it('is only the enterprise that posted it', () => {
    expect(ownsDemand(ent('e1'), relations)).toBe(true);
    expect(ownsDemand(ent('e2'), relations)).toBe(false);
    expect(ownsDemand(financeCentre, relations)).toBe(false);
    expect(ownsDemand(bank('b1'), relations)).toBe(false);
  });
});
