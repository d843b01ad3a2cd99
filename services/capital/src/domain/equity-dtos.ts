import type { Principal } from '@yinqi/auth';
import type { CapitalEnterpriseDto, EquityRoundDto, FundMandateDto, FundMatchDto } from '@yinqi/contracts';
import type { CapitalDeps } from './deps';
import { mandateSnapshot, matchSnapshot, roundSnapshot } from './equity-snapshots';
import type { FundMatchRecord, MandateRecord, RoundRecord, Stored } from './records';

type FundMatch = Stored<FundMatchRecord>;

/** The API views: the event snapshot (one list of fields for both) under `id`, plus what only readers need. */
export const mandateDto = (m: Stored<MandateRecord>): FundMandateDto => {
  const { mandateId, createdBy: _createdBy, ...fields } = mandateSnapshot(m);
  return { id: mandateId, ...fields };
};

export const roundDto = (r: Stored<RoundRecord>, e: CapitalEnterpriseDto | null): EquityRoundDto => {
  const { roundId, ...fields } = roundSnapshot(r);
  return { id: roundId, ...fields, enterprise: e };
};

/** Match DTOs with their round and mandate, three queries whatever the number. */
export async function matchDtos(
  { repo, enterprises }: Pick<CapitalDeps, 'repo' | 'enterprises'>,
  ms: FundMatch[],
  p: Principal,
): Promise<FundMatchDto[]> {
  const [rounds, mandates, views] = await Promise.all([
    repo.rounds.findIn(
      '_id',
      ms.map((m) => m.roundId),
    ),
    repo.mandates.findIn(
      '_id',
      ms.map((m) => m.mandateId),
    ),
    enterprises.views(
      ms.map((m) => m.enterpriseId),
      p,
    ),
  ]);
  const r = new Map(rounds.map((x) => [x._id, x]));
  const md = new Map(mandates.map((x) => [x._id, x]));
  return ms.map((m) => {
    const round = r.get(m.roundId);
    const mandate = md.get(m.mandateId);
    const { matchId, amount: _amount, ...fields } = matchSnapshot(m);
    return {
      id: matchId,
      ...fields,
      round: round ? roundDto(round, views.get(m.enterpriseId) ?? null) : null,
      mandate: mandate ? mandateDto(mandate) : null,
    };
  });
}

/** Matches of a round as `p` may see them: the enterprise and the finance centre all, a fund officer its fund's. */
export function visibleMatches(p: Principal, ms: FundMatch[]): FundMatch[] {
  if (p.role === 'FINANCE_CENTER' || p.role === 'ENTERPRISE') return ms;
  if (p.role === 'FUND_OFFICER') return ms.filter((m) => m.fundId === p.orgId);
  return [];
}

/** Best score first; ties by id, so the order is stable. */
export const byScore = (a: FundMatch, b: FundMatch) => b.score - a.score || a._id.localeCompare(b._id);

/** Newest first. */
export const byNewest = (a: { createdAt: Date }, b: { createdAt: Date }) =>
  new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();
