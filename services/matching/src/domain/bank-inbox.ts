import type { Principal } from '@yinqi/auth';
import type { MatchDto, MatchStatus } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import { forbidden } from '@yinqi/errors';
import type { Deps } from './deps';
import { toMatchDto } from './match-dto';

/** A bank officer's match inbox (对接待办), newest first, optionally in one status. */
export async function bankInbox(
  deps: Deps,
  principal: Principal,
  status: MatchStatus | undefined,
  page: { first?: unknown; after?: unknown },
): Promise<Page<MatchDto>> {
  if (principal.role !== 'BANK_OFFICER' || !principal.orgId) throw forbidden('Only bank officers have a match inbox');
  return deps.repo.bankMatches(principal.orgId, status, page, (m) => toMatchDto(deps, m));
}
