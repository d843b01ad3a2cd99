import type { Principal } from '@yinqi/auth';
import { POLICY_KEY, policyChanged, type EventEnvelope, type PolicyDto, type PolicyFieldChange } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { SettingsDeps } from './deps';
import { applyPolicyInput } from './policy';
import { loadPolicy, policySnapshotOf, toPolicyDto } from './policy-document';
import { POLICY_COLLECTION, SOURCE, type Policy } from './records';
import type { PolicyInput } from './schemas';

type Entry = Policy['history'][number];

/**
 * A partial update by the finance centre; history and policy.changed ride in the same write,
 * read-decide-write under the document lock the outbox relay takes for its removals.
 */
export async function setPolicy(deps: Required<SettingsDeps>, principal: Principal, input: PolicyInput): Promise<PolicyDto> {
  if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre sets the policy');
  return withDocumentLock(documentLockKey(POLICY_COLLECTION, POLICY_KEY), () => setUnlocked(deps, principal, input));
}

async function setUnlocked(deps: Required<SettingsDeps>, principal: Principal, input: PolicyInput): Promise<PolicyDto> {
  const { repo, logger, published, now } = deps;
  const saved = await updateAggregate<Policy, { set: Partial<Policy>; entry: Entry; event: EventEnvelope; changes: PolicyFieldChange[] }>(
    { load: () => loadPolicy(deps), write: (key, version, c) => repo.updatePolicy(key, version, c.set, c.entry, c.event) },
    POLICY_KEY,
    (cur) => {
      const { next, changes } = applyPolicyInput(policySnapshotOf(cur), input);
      if (changes.length === 0) return null;
      const at = now();
      const event = newEvent(policyChanged, {
        key: POLICY_KEY,
        version: cur.version + 1,
        source: SOURCE,
        data: { policy: next, changedBy: principal.userId, changedAt: at.toISOString() },
        occurredAt: at,
      });
      const entry: Entry = { changedBy: principal.userId, at, from: policySnapshotOf(cur), to: next };
      return {
        next: { ...cur, ...next, updatedAt: at, version: cur.version + 1, history: [...cur.history, entry] },
        change: { set: { ...next, updatedAt: at }, entry, event, changes },
      };
    },
    {
      what: 'Policy',
      written: (_next, c) => {
        published();
        logger.info({ changes: c.changes, by: principal.userId }, 'policy changed');
      },
    },
  );
  return toPolicyDto(saved, principal);
}
