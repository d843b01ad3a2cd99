import type { Principal } from '@yinqi/auth';
import type { PolicyDto, PolicySnapshot } from '@yinqi/contracts';
import { settingsWithDefaults, type SettingsDeps } from './deps';
import { ensurePolicy, loadPolicy, policySnapshotOf, toPolicyDto } from './policy-document';
import type { PolicyInput } from './schemas';
import { setPolicy } from './set-policy';

/** The district policy (区金融发展事务中心): fee cap and target, 政银担 risk shares, SLA, 应急转贷 limits. */
export function policyUseCases(input: SettingsDeps) {
  const deps = settingsWithDefaults(input);
  return {
    ensure: () => ensurePolicy(deps),
    current: async (): Promise<PolicySnapshot> => policySnapshotOf(await loadPolicy(deps)),
    get: async (principal: Principal): Promise<PolicyDto> => toPolicyDto(await loadPolicy(deps), principal),
    set: (principal: Principal, policyInput: PolicyInput) => setPolicy(deps, principal, policyInput),
  };
}
export type PolicyUseCases = ReturnType<typeof policyUseCases>;
