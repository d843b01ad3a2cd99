import type { Principal } from '@yinqi/auth';
import type { GuaranteeRequestDto } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import { notFound } from '@yinqi/errors';
import { canSeeRequest, requestFilter } from './access';
import type { Deps } from './deps';
import { toRequestDto } from './request-dto';

/** The requests `p` may see, newest first, optionally in one status. */
export async function listRequests(
  deps: Deps,
  p: Principal,
  status: string | undefined,
  page: { first?: unknown; after?: unknown },
): Promise<Page<GuaranteeRequestDto>> {
  const filter = requestFilter(p, status);
  const res = await deps.repo.page(filter, page, (r) => r);
  return {
    ...res,
    edges: await Promise.all(res.edges.map(async (e) => ({ cursor: e.cursor, node: await toRequestDto(deps, e.node, p) }))),
  };
}

/** One request, NOT_FOUND when `p` may not see it. */
export async function getRequest(deps: Deps, p: Principal, id: string): Promise<GuaranteeRequestDto> {
  const r = await deps.repo.findRequest(id);
  if (!r || !canSeeRequest(p, r)) throw notFound('Guarantee request');
  return toRequestDto(deps, r, p);
}
