import type { PolicyFieldChange, PolicySnapshot } from '@yinqi/contracts';
import { badInput } from '@yinqi/errors';
import type { PolicyInput } from './schemas';

/** The district policy's defaults (API-CONTRACT.md "Guarantees (政银担)"; 应急转贷 limits from issue 5). */
export const DEFAULT_POLICY: PolicySnapshot = {
  guaranteeFeeRateCap: 1.5,
  guaranteeFeeRateTarget: 1.0,
  riskShareGuarantor: 50,
  riskShareBank: 20,
  riskShareGovernment: 30,
  bankResponseSlaHours: 72,
  bankResponseSlaBasis: 'CLOCK_HOURS',
  bankResponseSlaWorkingDays: 3,
  bridgeRequestWindowDays: 20,
  bridgeMaxWorkingDays: 7,
};

export const POLICY_FIELDS = Object.keys(DEFAULT_POLICY) as (keyof PolicySnapshot)[];

/** Shares are percentages typed by people: allow float noise, not a real shortfall. */
const SHARE_TOLERANCE = 1e-6;

/**
 * Applies a partial update and checks the rules that span fields: the three 政银担 risk shares add
 * up to 100 and the fee target never exceeds the cap. Returns the new policy and what changed
 * (empty when the update repeats the current values).
 */
export function applyPolicyInput(current: PolicySnapshot, input: PolicyInput): { next: PolicySnapshot; changes: PolicyFieldChange[] } {
  const next: PolicySnapshot = { ...current };
  for (const field of POLICY_FIELDS) {
    const v = input[field];
    // Each field keeps its own type: the schema checked it, the loop only copies.
    if (v !== undefined && v !== null) (next as Record<string, unknown>)[field] = v;
  }
  const shares = next.riskShareGuarantor + next.riskShareBank + next.riskShareGovernment;
  if (Math.abs(shares - 100) > SHARE_TOLERANCE) {
    throw badInput(`riskShareGuarantor + riskShareBank + riskShareGovernment must add up to 100 (they would add up to ${shares})`, {
      field: 'riskShareGuarantor',
    });
  }
  if (next.guaranteeFeeRateTarget > next.guaranteeFeeRateCap) {
    throw badInput(
      `guaranteeFeeRateTarget (${next.guaranteeFeeRateTarget}) may not exceed guaranteeFeeRateCap (${next.guaranteeFeeRateCap})`,
      { field: 'guaranteeFeeRateTarget' },
    );
  }
  const changes = POLICY_FIELDS.filter((f) => next[f] !== current[f]).map((field) => ({ field, from: current[field], to: next[field] }));
  return { next, changes };
}

/** A quote's fee above the cap is refused (the plan pushes 政银担 fees below 1%). */
export const exceedsFeeCap = (policy: PolicySnapshot, feeRate: number) => feeRate > policy.guaranteeFeeRateCap;
