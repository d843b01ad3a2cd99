import type { Principal } from '@yinqi/auth';
import type { AppError } from '@yinqi/errors';
import { canSeeRequest, requestFilter, visibleQuotes } from './access';

const guarantor: Principal = { userId: 'u-g', role: 'GUARANTOR_OFFICER', orgId: 'g1' };
const enterprise: Principal = { userId: 'u-e', role: 'ENTERPRISE', orgId: 'e1' };
const centre: Principal = { userId: 'u-f', role: 'FINANCE_CENTER' };
const bank: Principal = { userId: 'u-b', role: 'BANK_OFFICER', orgId: 'b1' };
const fund: Principal = { userId: 'u-fund', role: 'FUND_OFFICER', orgId: 'f1' };

const aRequest = (over: Partial<{ status: 'OPEN' | 'SELECTED' | 'CLOSED'; enterpriseId: string; guarantorIds: string[] }> = {}) => ({
  status: 'OPEN' as const,
  enterpriseId: 'e1',
  guarantorIds: [] as string[],
  ...over,
});

describe('who sees which guarantee requests', () => {
  it('a guarantor officer sees OPEN requests and those its institution quoted on', () => {
    expect(canSeeRequest(guarantor, aRequest())).toBe(true);
    expect(canSeeRequest(guarantor, aRequest({ status: 'SELECTED' }))).toBe(false);
    expect(canSeeRequest(guarantor, aRequest({ status: 'SELECTED', guarantorIds: ['g1'] }))).toBe(true);
    expect(requestFilter(guarantor, 'SELECTED')).toEqual({
      status: 'SELECTED',
      $and: [{ $or: [{ status: 'OPEN' }, { guarantorIds: 'g1' }] }],
    });
  });

  it('an enterprise sees its own only; the finance centre sees all', () => {
    expect(canSeeRequest(enterprise, aRequest())).toBe(true);
    expect(canSeeRequest(enterprise, aRequest({ enterpriseId: 'e2' }))).toBe(false);
    expect(requestFilter(enterprise)).toEqual({ enterpriseId: 'e1' });
    expect(requestFilter(centre, 'OPEN')).toEqual({ status: 'OPEN' });
    expect(canSeeRequest(centre, aRequest({ enterpriseId: 'e9', status: 'CLOSED' }))).toBe(true);
  });

  it('bank and fund officers are FORBIDDEN to list them', () => {
    for (const p of [bank, fund]) {
      expect(canSeeRequest(p, aRequest())).toBe(false);
      expect(() => requestFilter(p)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as unknown as AppError);
    }
  });

  it("a guarantor never sees a rival's quote; the enterprise sees them all", () => {
    const quotes = [
      { guarantorId: 'g1', feeRate: 1 },
      { guarantorId: 'g2', feeRate: 0.8 },
    ];
    expect(visibleQuotes(guarantor, quotes)).toEqual([{ guarantorId: 'g1', feeRate: 1 }]);
    expect(visibleQuotes(enterprise, quotes)).toHaveLength(2);
  });
});
