import type { Principal } from '@yinqi/auth';
import { enterpriseProfileUpdated, type EnterpriseDto } from '@yinqi/contracts';
import { eventAbout, type EnterpriseDeps } from './deps';
import { withOptimisticRetry } from './optimistic';
import { ownProfile, profileNotReady } from './own-profile';
import type { Enterprise } from './records';
import type { ProfileInput } from './schemas';
import { enterpriseSnapshot, enterpriseView } from './views';

const PROFILE_FIELDS = ['annualRevenue', 'employees', 'rdSuperDeductionFiled', 'highValuePatents'] as const;
type ProfileChange = Partial<Record<(typeof PROFILE_FIELDS)[number], number | null>>;

/** The fields of `input` that differ from what is stored. */
function changedFields(current: Enterprise, input: ProfileInput): ProfileChange {
  const set: ProfileChange = {};
  for (const f of PROFILE_FIELDS) {
    const v = input[f];
    if (v !== undefined && v !== (current[f] ?? null)) set[f] = v;
  }
  return set;
}

/** The enterprise updates its own 企业画像; a request that changes nothing writes and emits nothing. */
export async function updateProfile(deps: EnterpriseDeps, p: Principal, input: ProfileInput): Promise<EnterpriseDto> {
  const { repo, published, now } = deps;
  const own = await ownProfile(deps, p);
  let fresh: Enterprise | null = own; // the first attempt uses what ownProfile read; a lost race re-reads
  return withOptimisticRetry('Profile', async () => {
    const current = fresh ?? (await repo.findEnterprise(own._id));
    fresh = null;
    if (!current) throw profileNotReady();
    const set = changedFields(current, input);
    if (Object.keys(set).length === 0) return enterpriseView(current);
    const next = { ...current, ...set, version: current.version + 1 };
    const event = eventAbout(enterpriseProfileUpdated, next, now(), { enterprise: enterpriseSnapshot(next) });
    if (!(await repo.updateEnterprise(current._id, current.version, { set, event }))) return undefined;
    published(current._id);
    return enterpriseView(next);
  });
}
