import type { Principal } from '@yinqi/auth';
import { POLICY_KEY, policyChanged, type EventEnvelope, type PolicyDto, type PolicyFieldChange, type PolicySnapshot } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import { applyPolicyInput, DEFAULT_POLICY, POLICY_FIELDS } from './policy';
import { POLICY_COLLECTION, type Policy, type PolicyRecord } from './records';
import type { PolicyInput } from './schemas';
import type { GuaranteeStore } from './store';

const SOURCE = 'guarantee';

export interface PolicyDeps {
  repo: GuaranteeStore;
  logger: Logger;
  published: () => void;
  now?: () => Date;
}

/** A policy stored before a field existed (the SLA basis, say) reads as that field's default. */
const snapshot = (p: Policy | PolicyRecord): PolicySnapshot =>
  ({
    ...DEFAULT_POLICY,
    ...Object.fromEntries(POLICY_FIELDS.filter((f) => p[f] !== undefined && p[f] !== null).map((f) => [f, p[f]])),
  }) as PolicySnapshot;

/** The district policy (区金融发展事务中心): fee cap and target, 政银担 risk shares, SLA, 应急转贷 limits. */
export function policyUseCases({ repo, logger, published, now = () => new Date() }: PolicyDeps) {
  async function load(): Promise<Policy> {
    const p = await repo.findPolicy(POLICY_KEY);
    if (p) return p;
    await ensure();
    return (await repo.findPolicy(POLICY_KEY))!;
  }

  /** Creates the policy with the defaults at first start; a no-op afterwards or in a second replica. */
  async function ensure(): Promise<void> {
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

  function toDto(p: Policy, principal: Principal | null): PolicyDto {
    const dto: PolicyDto = { ...snapshot(p), updatedAt: new Date(p.updatedAt).toISOString() };
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

  async function setUnlocked(principal: Principal, input: PolicyInput): Promise<PolicyDto> {
    type Entry = Policy['history'][number];
    const saved = await updateAggregate<Policy, { set: Partial<Policy>; entry: Entry; event: EventEnvelope; changes: PolicyFieldChange[] }>(
      { load: () => load(), write: (key, version, c) => repo.updatePolicy(key, version, c.set, c.entry, c.event) },
      POLICY_KEY,
      (cur) => {
        const { next, changes } = applyPolicyInput(snapshot(cur), input);
        if (changes.length === 0) return null;
        const at = now();
        const event = newEvent(policyChanged, {
          key: POLICY_KEY,
          version: cur.version + 1,
          source: SOURCE,
          data: { policy: next, changedBy: principal.userId, changedAt: at.toISOString() },
          occurredAt: at,
        });
        const entry: Entry = { changedBy: principal.userId, at, from: snapshot(cur), to: next };
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
    return toDto(saved, principal);
  }

  return {
    ensure,
    current: async (): Promise<PolicySnapshot> => snapshot(await load()),
    get: async (principal: Principal): Promise<PolicyDto> => toDto(await load(), principal),

    /**
     * A partial update by the finance centre; history and policy.changed ride in the same write,
     * read-decide-write under the document lock the outbox relay takes for its removals.
     */
    async set(principal: Principal, input: PolicyInput): Promise<PolicyDto> {
      if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre sets the policy');
      return withDocumentLock(documentLockKey(POLICY_COLLECTION, POLICY_KEY), () => setUnlocked(principal, input));
    },
  };
}
export type PolicyUseCases = ReturnType<typeof policyUseCases>;
