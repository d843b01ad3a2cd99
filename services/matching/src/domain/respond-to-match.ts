import type { Principal } from '@yinqi/auth';
import { matchResponded, type MatchDto, type MatchStatus } from '@yinqi/contracts';
import { conflict, forbidden } from '@yinqi/errors';
import type { Deps } from './deps';
import { toMatchDto } from './match-dto';
import { transition } from './transition';

/** The matched bank answers a PROPOSED match: interested (INTERESTED) or not (DECLINED); the same answer again changes nothing. */
export async function respondToMatch(
  deps: Deps,
  principal: Principal,
  id: string,
  interested: boolean,
  reason: string | null,
): Promise<MatchDto> {
  const m = await transition(deps, id, (cur) => {
    if (principal.role !== 'BANK_OFFICER' || cur.bankId !== principal.orgId)
      return forbidden('Only an officer of the matched bank responds');
    const target: MatchStatus = interested ? 'INTERESTED' : 'DECLINED';
    if (cur.status === target) return null;
    if (cur.status !== 'PROPOSED') return conflict(`The match is ${cur.status}; only a PROPOSED match can be answered`);
    return { set: { status: target, responseReason: reason, respondedAt: deps.now() }, def: matchResponded, reason };
  });
  return toMatchDto(deps, m);
}
