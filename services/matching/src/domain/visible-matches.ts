import type { Principal } from '@yinqi/auth';
import type { Match } from './match';

/** Matches the caller may see: its enterprise's, its bank's, or all for the finance centre. */
export function visibleMatches(principal: Principal, matches: Match[]): Match[] {
  switch (principal.role) {
    case 'FINANCE_CENTER':
      return matches;
    case 'ENTERPRISE':
      return matches.filter((m) => m.enterpriseId === principal.orgId);
    case 'BANK_OFFICER':
      return matches.filter((m) => m.bankId === principal.orgId);
    default:
      return [];
  }
}
