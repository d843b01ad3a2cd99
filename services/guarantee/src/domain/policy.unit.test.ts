import { AppError } from '@yinqi/errors';
import { parseInput } from '@yinqi/http';
import { aPolicy } from '@yinqi/testing';
import { applyPolicyInput, DEFAULT_POLICY, exceedsFeeCap } from './policy';
import { policyInputSchema, quoteSchema } from './schemas';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as AppError).code;
  }
  return undefined;
};

describe('policy rules (政银担 fee cap, risk shares)', () => {
  it('starts from the contract defaults: cap 1.5, target 1.0, shares 50/20/30, SLA 72 clock hours, bridge 20 days / 7 working days', () => {
    expect(DEFAULT_POLICY).toEqual(aPolicy());
  });

  it('applies a partial update and reports only the fields that changed', () => {
    const { next, changes } = applyPolicyInput(DEFAULT_POLICY, { guaranteeFeeRateCap: 2, bankResponseSlaHours: 72 });
    expect(next).toEqual({ ...DEFAULT_POLICY, guaranteeFeeRateCap: 2 });
    expect(changes).toEqual([{ field: 'guaranteeFeeRateCap', from: 1.5, to: 2 }]);
  });

  it('refuses risk shares that do not add up to 100 after the update', () => {
    expect(code(() => applyPolicyInput(DEFAULT_POLICY, { riskShareGuarantor: 60 }))).toBe('BAD_USER_INPUT');
    expect(applyPolicyInput(DEFAULT_POLICY, { riskShareGuarantor: 60, riskShareBank: 10 }).next.riskShareBank).toBe(10);
  });

  it('tolerates float noise in shares that add up to 100', () => {
    expect(
      applyPolicyInput(DEFAULT_POLICY, { riskShareGuarantor: 33.3, riskShareBank: 33.3, riskShareGovernment: 33.4 }).changes,
    ).toHaveLength(3);
  });

  it('refuses a target above the cap, whichever of the two the update moves', () => {
    expect(code(() => applyPolicyInput(DEFAULT_POLICY, { guaranteeFeeRateCap: 0.8 }))).toBe('BAD_USER_INPUT');
    expect(code(() => applyPolicyInput(DEFAULT_POLICY, { guaranteeFeeRateTarget: 1.6 }))).toBe('BAD_USER_INPUT');
    expect(applyPolicyInput(DEFAULT_POLICY, { guaranteeFeeRateTarget: 1.5 }).next.guaranteeFeeRateTarget).toBe(1.5);
  });

  it('switches the SLA to working days and reports the change of basis', () => {
    const { next, changes } = applyPolicyInput(DEFAULT_POLICY, { bankResponseSlaBasis: 'WORKING_DAYS', bankResponseSlaWorkingDays: 2 });
    expect(next).toMatchObject({ bankResponseSlaBasis: 'WORKING_DAYS', bankResponseSlaWorkingDays: 2, bankResponseSlaHours: 72 });
    expect(changes).toEqual([
      { field: 'bankResponseSlaBasis', from: 'CLOCK_HOURS', to: 'WORKING_DAYS' },
      { field: 'bankResponseSlaWorkingDays', from: 3, to: 2 },
    ]);
  });

  it('repeating the current values changes nothing', () => {
    expect(applyPolicyInput(DEFAULT_POLICY, { ...DEFAULT_POLICY }).changes).toEqual([]);
  });

  it('validates each field: cap and target in (0, 10], shares 0…100, SLA 1…720 whole hours, unknown fields refused', () => {
    const bad = [
      { guaranteeFeeRateCap: 0 },
      { guaranteeFeeRateCap: 10.01 },
      { guaranteeFeeRateTarget: -1 },
      { riskShareBank: 101 },
      { riskShareBank: -1 },
      { bankResponseSlaHours: 0 },
      { bankResponseSlaHours: 721 },
      { bankResponseSlaHours: 1.5 },
      { bridgeMaxWorkingDays: 0 },
      { bankResponseSlaBasis: 'WORKING_WEEKS' },
      { bankResponseSlaWorkingDays: 0 },
      { bankResponseSlaWorkingDays: 31 },
      { somethingElse: 1 },
    ];
    for (const input of bad) expect(code(() => parseInput(policyInputSchema, input))).toBe('BAD_USER_INPUT');
    expect(parseInput(policyInputSchema, { guaranteeFeeRateCap: 10, bankResponseSlaHours: 720 })).toEqual({
      guaranteeFeeRateCap: 10,
      bankResponseSlaHours: 720,
    });
  });

  it('a quote above the cap is a policy violation, at the cap is not', () => {
    expect(exceedsFeeCap(DEFAULT_POLICY, 1.5)).toBe(false);
    expect(exceedsFeeCap(DEFAULT_POLICY, 1.51)).toBe(true);
  });
});

describe('quote validation', () => {
  it('accepts fee rates in (0, 10], coverage in (0, 100] and conditions up to 2,000 characters', () => {
    expect(parseInput(quoteSchema, { feeRate: 10, coverageRatio: 100, conditions: 'x'.repeat(2000) })).toMatchObject({ feeRate: 10 });
    expect(parseInput(quoteSchema, { feeRate: 0.01, coverageRatio: 0.01 })).toMatchObject({ coverageRatio: 0.01 });
  });

  it.each([
    [{ feeRate: 0, coverageRatio: 80 }],
    [{ feeRate: 10.5, coverageRatio: 80 }],
    [{ feeRate: 1, coverageRatio: 0 }],
    [{ feeRate: 1, coverageRatio: 100.1 }],
    [{ feeRate: 1, coverageRatio: 80, conditions: 'x'.repeat(2001) }],
    [{ feeRate: '1', coverageRatio: 80 }],
  ])('refuses %j as BAD_USER_INPUT', (input) => {
    expect(code(() => parseInput(quoteSchema, input))).toBe('BAD_USER_INPUT');
  });
});
