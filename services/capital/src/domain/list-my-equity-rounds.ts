import type { Principal } from '@yinqi/auth';
import type { EquityRoundDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { EquityDeps } from './deps';
import { byNewest, byScore, matchDtos, roundDto } from './equity-dtos';

/** The enterprise's rounds, newest first, each with its matches (best score first). */
export async function listMyEquityRounds(deps: EquityDeps, p: Principal): Promise<EquityRoundDto[]> {
  if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only enterprises have equity rounds');
  const rounds = (await deps.repo.rounds.findMany({ enterpriseId: p.orgId })).sort(byNewest);
  const ms = await deps.repo.matches.findIn(
    'roundId',
    rounds.map((r) => r._id),
  );
  const dtos = await matchDtos(deps, ms.sort(byScore), p);
  const views = await deps.enterprises.views([p.orgId], p);
  return rounds.map((r) => ({ ...roundDto(r, views.get(r.enterpriseId) ?? null), matches: dtos.filter((d) => d.roundId === r._id) }));
}
