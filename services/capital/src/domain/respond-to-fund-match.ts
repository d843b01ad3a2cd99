import type { Principal } from '@yinqi/auth';
import { fundMatchResponded, type FundMatchDto, type MatchStatus } from '@yinqi/contracts';
import { conflict, forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { EquityDeps } from './deps';
import { matchDtos } from './equity-dtos';
import { matchSnapshot } from './equity-snapshots';
import { changeMatch } from './fund-matches';
import { SOURCE } from './records';

/**
 * The fund answers a match: INTERESTED or DECLINED. Another fund's officer is FORBIDDEN; answering
 * again the same way changes nothing; a match no longer PROPOSED is CONFLICT.
 */
export async function respondToFundMatch(
  deps: EquityDeps,
  p: Principal,
  matchId: string,
  interested: boolean,
  note: string | null,
): Promise<FundMatchDto> {
  const target: MatchStatus = interested ? 'INTERESTED' : 'DECLINED';
  const at = deps.now();
  const m = await changeMatch(deps, matchId, (cur) => {
    if (p.role !== 'FUND_OFFICER' || cur.fundId !== p.orgId) return forbidden("Only an officer of the match's fund responds");
    if (cur.status === target) return null;
    if (cur.status !== 'PROPOSED') return conflict(`The match is ${cur.status}; only a PROPOSED match can be answered`);
    return {
      set: { status: target, note, respondedAt: at, respondedBy: p.userId },
      event: (next) =>
        newEvent(fundMatchResponded, {
          key: matchId,
          version: next.version,
          source: SOURCE,
          occurredAt: at,
          data: { match: matchSnapshot(next) },
        }),
    };
  });
  deps.published();
  return (await matchDtos(deps, [m], p))[0]!;
}
