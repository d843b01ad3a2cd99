import type { Principal } from '@yinqi/auth';
import type { FundMatchDto } from '@yinqi/contracts';
import { notFound } from '@yinqi/errors';
import type { EquityDeps } from './deps';
import { byScore, matchDtos, visibleMatches } from './equity-dtos';

/** Matches of one round as the caller may see them (for EquityRound.matches reached from a match). */
export async function listRoundMatches(deps: EquityDeps, p: Principal, roundId: string): Promise<FundMatchDto[]> {
  const r = await deps.repo.rounds.find(roundId);
  if (!r) throw notFound('Equity round');
  if (p.role === 'ENTERPRISE' && r.enterpriseId !== p.orgId) return [];
  return matchDtos(deps, visibleMatches(p, await deps.repo.matches.findMany({ roundId })).sort(byScore), p);
}
