import type { Principal } from '@yinqi/auth';
import type { CapitalEnterpriseDto, EquityRoundDto, FundMandateDto, FundMatchDto } from '@yinqi/contracts';
import type { CapitalDeps } from './deps';
import { iso, isoOrNull } from './iso-dates';
import type { FundMatchRecord, MandateRecord, RoundRecord, Stored } from './records';

type FundMatch = Stored<FundMatchRecord>;

export const mandateDto = (m: Stored<MandateRecord>): FundMandateDto => ({
  id: m._id,
  fundId: m.fundId,
  name: m.name,
  minTicket: m.minTicket,
  maxTicket: m.maxTicket,
  eligibleTiers: m.eligibleTiers,
  industries: m.industries,
  stages: m.stages,
  createdAt: iso(m.createdAt),
});

export const roundDto = (r: Stored<RoundRecord>, e: CapitalEnterpriseDto | null): EquityRoundDto => ({
  id: r._id,
  enterpriseId: r.enterpriseId,
  enterprise: e,
  amount: r.amount,
  preMoneyValuation: r.preMoneyValuation,
  useOfFunds: r.useOfFunds,
  status: r.status,
  createdAt: iso(r.createdAt),
  closedAt: isoOrNull(r.closedAt),
});

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
    return {
      id: m._id,
      roundId: m.roundId,
      round: round ? roundDto(round, views.get(m.enterpriseId) ?? null) : null,
      mandateId: m.mandateId,
      mandate: mandate ? mandateDto(mandate) : null,
      fundId: m.fundId,
      enterpriseId: m.enterpriseId,
      score: m.score,
      reasons: m.reasons,
      status: m.status,
      note: m.note,
      createdAt: iso(m.createdAt),
      respondedAt: isoOrNull(m.respondedAt),
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
