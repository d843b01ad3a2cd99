import type { Principal } from '@yinqi/auth';
import type { PolicyTag, ProductStatus } from '@yinqi/contracts';

/**
 * Which products a catalogue query may return, before paging. `statuses: 'PUBLISHED'` is the
 * public catalogue; `ownBankId` additionally admits every product of the caller's own bank
 * (its SUSPENDED ones too), because a bank manages its shelf from the same list.
 */
export interface CatalogueScope {
  bankId?: string;
  policyTag?: PolicyTag;
  statuses: ProductStatus[];
  ownBankId?: string;
  /** Part of the name (data/product-search.ts). */
  search?: string;
}

/** The bank whose products the caller manages, if any: only bank officers have one. */
export const ownBankOf = (p: Principal): string | undefined => (p.role === 'BANK_OFFICER' && p.orgId ? p.orgId : undefined);

/**
 * Published products only (金融产品超市 is public to every signed-in user), except that a bank
 * officer also sees its own bank's suspended ones. FINANCE_CENTER gets the public view too: the
 * contract scopes this list by the caller's bank, not by role.
 */
export function catalogueScope(
  principal: Principal,
  query: { bankId?: string | undefined; policyTag?: PolicyTag | undefined; search?: string | undefined },
): CatalogueScope {
  const own = ownBankOf(principal);
  const scope: CatalogueScope = { statuses: ['PUBLISHED'] };
  if (query.policyTag) scope.policyTag = query.policyTag;
  if (query.search) scope.search = query.search;
  if (query.bankId) {
    scope.bankId = query.bankId;
    // Asking for one's own bank: every status, so no "published or mine" disjunction is needed.
    if (query.bankId === own) scope.statuses = ['PUBLISHED', 'SUSPENDED'];
    return scope;
  }
  if (own) scope.ownBankId = own;
  return scope;
}

/** Only an officer of the product's own bank may change it. */
export const mayManage = (principal: Principal, product: { bankId: string }): boolean => ownBankOf(principal) === product.bankId;
