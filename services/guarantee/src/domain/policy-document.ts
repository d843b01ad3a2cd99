import { POLICY_KEY, policyChanged, type PolicyDto, type PolicySnapshot } from '@yinqi/contracts';
import { newEvent } from '@yinqi/events';
import type { Principal } from '@yinqi/auth';
import type { SettingsDeps } from './deps';
import { DEFAULT_POLICY, POLICY_FIELDS } from './policy';
import { SOURCE, type Policy, type PolicyRecord } from './records';

/** A policy stored before a field existed (the SLA basis, say) reads as that field's default. */
export const policySnapshotOf = (p: Policy | PolicyRecord): PolicySnapshot =>
  ({
    ...DEFAULT_POLICY,
    ...Object.fromEntries(POLICY_FIELDS.filter((f) => p[f] !== undefined && p[f] !== null).map((f) => [f, p[f]])),
  }) as PolicySnapshot;

/** Creates the policy with the defaults at first start; a no-op afterwards or in a second replica. */
export async function ensurePolicy({ repo, logger, published, now }: Required<SettingsDeps>): Promise<void> {
  const at = now();
  const record: PolicyRecord = { _id: POLICY_KEY, ...DEFAULT_POLICY, history: [], updatedAt: at, version: 1, outbox: [] };
  // The defaults are announced like any change so consumers (matching, loan) start from the same values.
  record.outbox = [
    newEvent(policyChanged, {
      key: POLICY_KEY,
      version: 1,
      source: SOURCE,
      data: { policy: DEFAULT_POLICY, changedBy: 'system', changedAt: at.toISOString() },
      occurredAt: at,
    }),
  ];
  if (await repo.insertPolicy(record)) {
    published();
    logger.info('policy created with its defaults');
  }
}

/** The stored policy, created with its defaults if it is not there yet. */
export async function loadPolicy(deps: Required<SettingsDeps>): Promise<Policy> {
  const p = await deps.repo.findPolicy(POLICY_KEY);
  if (p) return p;
  await ensurePolicy(deps);
  return (await deps.repo.findPolicy(POLICY_KEY))!;
}

/** The policy as the REST API answers it; the change history only for the finance centre. */
export function toPolicyDto(p: Policy, principal: Principal | null): PolicyDto {
  const dto: PolicyDto = { ...policySnapshotOf(p), updatedAt: new Date(p.updatedAt).toISOString() };
  if (principal?.role === 'FINANCE_CENTER') {
    dto.history = [...p.history].reverse().map((h) => ({
      changedBy: h.changedBy,
      at: new Date(h.at).toISOString(),
      changes: POLICY_FIELDS.filter((f) => h.from[f] !== undefined && h.from[f] !== h.to[f]).map((field) => ({
        field,
        from: h.from[field],
        to: h.to[field],
      })),
    }));
  }
  return dto;
}
