/** Who a signed-in caller is, as every service sees it. */
export type Role = 'ENTERPRISE' | 'BANK_OFFICER' | 'GUARANTOR_OFFICER' | 'FUND_OFFICER' | 'FINANCE_CENTER';
export const ROLES: readonly Role[] = ['ENTERPRISE', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER', 'FINANCE_CENTER'];

export interface Principal {
  userId: string;
  role: Role;
  /** The enterprise id for ENTERPRISE, the institution id for officers, absent for FINANCE_CENTER. */
  orgId?: string;
  /**
   * Only on an API client's token (userId is then the client's id): what it may do
   * (scopes.ts). Absent on a person's token.
   */
  scopes?: readonly string[];
}
