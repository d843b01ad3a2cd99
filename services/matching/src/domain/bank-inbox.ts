import type { Principal } from '@yinqi/auth';
import type { MatchDto, MatchStatus } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import { forbidden } from '@yinqi/errors';
import type { Deps } from './deps';
import { toMatchDto } from './match-dto';

/** A bank officer's match inbox (对接待办), newest first, optionally in one status and with enterprises of a name. */
export async function bankInbox(
  deps: Deps,
  principal: Principal,
  status: MatchStatus | undefined,
  page: { first?: unknown; after?: unknown },
  enterpriseName?: string,
): Promise<Page<MatchDto>> {
  if (principal.role !== 'BANK_OFFICER' || !principal.orgId) throw forbidden('Only bank officers have a match inbox');
  if (enterpriseName) {
    if (!deps.repo.bankMatchesOfEnterprises) throw new Error('this match store has no enterprise name search');
    return deps.repo.bankMatchesOfEnterprises(principal.orgId, status, enterpriseName, page, (m) => toMatchDto(deps, m));
  }
  return deps.repo.bankMatches(principal.orgId, status, page, (m) => toMatchDto(deps, m));
}
