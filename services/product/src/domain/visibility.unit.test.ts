import type { Principal } from '@yinqi/auth';
import { mongoose } from '@yinqi/db';
import { scopeFilter } from '../data/repository';
import { catalogueScope, mayManage } from './visibility';

const officerOf = (bankId: string): Principal => ({ userId: `u-${bankId}`, role: 'BANK_OFFICER', orgId: bankId });
const enterprise: Principal = { userId: 'e1', role: 'ENTERPRISE', orgId: 'ent-1' };
const guarantor: Principal = { userId: 'g1', role: 'GUARANTOR_OFFICER', orgId: 'bank-a' };
const financeCentre: Principal = { userId: 'fc', role: 'FINANCE_CENTER' };

describe('who sees which products in the catalogue (金融产品超市)', () => {
  it('shows enterprises, guarantors and the finance centre published products only', () => {
    for (const p of [enterprise, guarantor, financeCentre]) {
      expect(catalogueScope(p, {})).toEqual({ statuses: ['PUBLISHED'] });
      expect(catalogueScope(p, { bankId: 'bank-a' })).toEqual({ bankId: 'bank-a', statuses: ['PUBLISHED'] });
    }
  });

  it("shows a bank officer everything published plus its own bank's suspended products", () => {
    expect(catalogueScope(officerOf('bank-a'), {})).toEqual({ statuses: ['PUBLISHED'], ownBankId: 'bank-a' });
  });

  it('shows a bank officer every status of its own bank when it filters by its bank', () => {
    expect(catalogueScope(officerOf('bank-a'), { bankId: 'bank-a' })).toEqual({ bankId: 'bank-a', statuses: ['PUBLISHED', 'SUSPENDED'] });
  });

  it('shows a bank officer only the published products of another bank', () => {
    expect(catalogueScope(officerOf('bank-a'), { bankId: 'bank-b', policyTag: 'SRDI_LOAN' })).toEqual({
      bankId: 'bank-b',
      policyTag: 'SRDI_LOAN',
      statuses: ['PUBLISHED'],
    });
  });

  it('decides by role, not by orgId alone: a guarantor officer manages no bank products', () => {
    expect(catalogueScope(guarantor, { bankId: 'bank-a' }).statuses).toEqual(['PUBLISHED']);
    expect(mayManage(guarantor, { bankId: 'bank-a' })).toBe(false);
  });

  it("lets only an officer of the product's bank manage it", () => {
    expect(mayManage(officerOf('bank-a'), { bankId: 'bank-a' })).toBe(true);
    expect(mayManage(officerOf('bank-b'), { bankId: 'bank-a' })).toBe(false);
    expect(mayManage(enterprise, { bankId: 'bank-a' })).toBe(false);
    expect(mayManage(financeCentre, { bankId: 'bank-a' })).toBe(false);
  });
});

describe('catalogue scope as a database filter', () => {
  it('keeps "published or mine" under $and, so the pager can add its cursor $or', () => {
    expect(scopeFilter({ statuses: ['PUBLISHED'], ownBankId: 'bank-a', policyTag: 'RELENDING' })).toEqual({
      policyTags: 'RELENDING',
      $and: [{ $or: [{ status: 'PUBLISHED' }, { bankId: 'bank-a' }] }],
    });
    expect(scopeFilter({ statuses: ['PUBLISHED'] })).toEqual({ status: 'PUBLISHED' });
  });

  it('lists both statuses for a bank looking at its own shelf', () => {
    expect(scopeFilter({ bankId: 'bank-a', statuses: ['PUBLISHED', 'SUSPENDED'] })).toEqual({
      bankId: 'bank-a',
      status: mongoose.trusted({ $in: ['PUBLISHED', 'SUSPENDED'] }),
    });
  });
});
