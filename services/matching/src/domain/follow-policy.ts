import type { PolicySnapshot } from '@yinqi/contracts';
import type { Deps } from './deps';

/** The policy's target fee rate applies while no quote is selected; its SLA sets the response deadlines. */
export async function followPolicy(
  { repo, onPolicyTarget, onDeadlineRules }: Deps,
  policy: PolicySnapshot,
  version: number,
): Promise<void> {
  const copy = {
    guaranteeFeeRateTarget: policy.guaranteeFeeRateTarget,
    bankResponseSlaHours: policy.bankResponseSlaHours,
    bankResponseSlaBasis: policy.bankResponseSlaBasis,
    bankResponseSlaWorkingDays: policy.bankResponseSlaWorkingDays,
  };
  if (await repo.savePolicy(copy, version)) {
    onPolicyTarget(policy.guaranteeFeeRateTarget);
    onDeadlineRules();
  }
}
