import type { Principal } from '@yinqi/auth';
import { enterpriseCertified, type EnterpriseDto } from '@yinqi/contracts';
import { idIssuedWithin, RECENT_ID_MS } from '@yinqi/db';
import { forbidden, notFound } from '@yinqi/errors';
import { eventAbout, type EnterpriseDeps } from './deps';
import { withOptimisticRetry } from './optimistic';
import { waitForProfile } from './own-profile';
import type { CertifyInput } from './schemas';
import { enterpriseSnapshot, enterpriseView } from './views';

/**
 * The finance centre sets the tier (梯度培育库) and the white list (白名单). Every
 * certification is kept in the history and emitted, even when it confirms what was there.
 */
export async function certifyEnterprise(deps: EnterpriseDeps, p: Principal, id: string, input: CertifyInput): Promise<EnterpriseDto> {
  const { repo, published, now } = deps;
  if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre certifies enterprises');
  // An enterprise registered a moment ago (identity issued its id) may not have reached us yet:
  // wait for its registration event (bounded) before answering NOT_FOUND.
  if (idIssuedWithin(id, RECENT_ID_MS)) await waitForProfile(deps, id);
  return withOptimisticRetry('Enterprise', async () => {
    const e = await repo.findEnterprise(id);
    if (!e) throw notFound('Enterprise');
    const at = now();
    const next = { ...e, tier: input.tier, whitelisted: input.whitelisted, version: e.version + 1 };
    const event = eventAbout(enterpriseCertified, next, at, {
      enterprise: enterpriseSnapshot(next),
      previousTier: e.tier,
      certifiedBy: p.userId,
      certifiedAt: at.toISOString(),
    });
    const certification = { tier: input.tier, whitelisted: input.whitelisted, by: p.userId, at };
    const set = { tier: input.tier, whitelisted: input.whitelisted };
    if (!(await repo.updateEnterprise(e._id, e.version, { set, certification, event }))) return undefined;
    published(e._id);
    return enterpriseView(next);
  });
}
