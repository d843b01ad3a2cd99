import type { Principal } from '@yinqi/auth';
import type { CapitalEnterpriseDto, EnterpriseSnapshot } from '@yinqi/contracts';
import { idIssuedWithin, RECENT_ID_MS } from '@yinqi/db';
import { notFound } from '@yinqi/errors';
import { awaitCopy } from '@yinqi/events';
import type { CapitalRepository } from './capital-repository';
import type { EnterpriseCopy } from './records';

/**
 * Funds, banks and guarantors see capital-markets candidates without a match on them, so the
 * enterprise service does not show them the profile: the gateway falls back to this copy. The
 * financial figures (revenue, headcount, R&D filing, patents) stay with the finance centre and
 * the enterprise itself; name, industry, town, tier and the public USCC are shown to all.
 */
function enterpriseView(e: EnterpriseCopy, p: Principal): CapitalEnterpriseDto {
  const full = p.role === 'FINANCE_CENTER' || (p.role === 'ENTERPRISE' && p.orgId === e.enterpriseId);
  return {
    id: e.enterpriseId,
    name: e.name,
    uscc: e.uscc ?? '',
    industry: e.industry,
    town: e.town,
    tier: e.tier,
    whitelisted: e.whitelisted,
    annualRevenue: full ? e.annualRevenue : null,
    employees: full ? e.employees : null,
    rdSuperDeductionFiled: full ? e.rdSuperDeductionFiled : null,
    highValuePatents: full ? e.highValuePatents : null,
  };
}

export function enterpriseDirectory(
  repo: Pick<CapitalRepository, 'findEnterprise' | 'findEnterprises' | 'saveEnterprise'>,
  waitMs: number,
) {
  return {
    /**
     * Our copy of an enterprise. One registered a moment ago (identity issued its id within
     * RECENT_ID_MS) may not have reached us yet: we wait up to `waitMs` for its registration event.
     * Any other unknown id is NOT_FOUND at once.
     */
    async require(id: string): Promise<EnterpriseCopy> {
      const e = idIssuedWithin(id, RECENT_ID_MS)
        ? await awaitCopy(() => repo.findEnterprise(id), { timeoutMs: waitMs })
        : await repo.findEnterprise(id);
      if (!e) throw notFound('Enterprise');
      return e;
    },
    /** Views of many enterprises by id (one query), as `p` may see them. */
    async views(ids: string[], p: Principal): Promise<Map<string, CapitalEnterpriseDto>> {
      const found = await repo.findEnterprises([...new Set(ids)]);
      return new Map(found.map((e) => [e.enterpriseId, enterpriseView(e, p)]));
    },
    save: (e: EnterpriseSnapshot & { uscc?: string }, version: number) => repo.saveEnterprise(e, version),
  };
}
export type EnterpriseDirectory = ReturnType<typeof enterpriseDirectory>;
