import type { EnterpriseSnapshot } from './domain';
import type { EnterpriseRegistered } from './identity-events';

/**
 * The profile (企业画像) of an enterprise that has only registered: untiered and off the white list
 * until the finance centre certifies it, its figures unknown until it fills them in. One list, so the
 * enterprise service and every copy kept from enterprise.registered start the same.
 */
export const UNPROFILED = {
  tier: 'NONE',
  whitelisted: false,
  annualRevenue: null,
  employees: null,
  rdSuperDeductionFiled: null,
  highValuePatents: null,
} as const satisfies Omit<EnterpriseSnapshot, 'enterpriseId' | 'name' | 'industry' | 'town'>;

/** The snapshot of a just-registered enterprise, as the profile events would carry it. */
export const unprofiledEnterprise = (d: EnterpriseRegistered): EnterpriseSnapshot => ({
  enterpriseId: d.enterpriseId,
  name: d.name,
  industry: d.industry,
  town: d.town,
  ...UNPROFILED,
});
