import type { Principal } from '@yinqi/auth';
import type { CapitalEnterpriseDto, ListingCandidateDto, ListingCandidateSnapshot } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { transition, type Decide } from './aggregate';
import type { ListingDeps } from './deps';
import { iso } from './iso-dates';
import { rewardsDue, type RewardTable } from './listing';
import { COLLECTIONS, type CandidateRecord, type Stored } from './records';

/** What the listing use-cases share: a candidate's event snapshot and DTO, the role check and the write. */
type Candidate = Stored<CandidateRecord>;

export const paidStages = (c: Pick<Candidate, 'rewardsPaid'>) => c.rewardsPaid.map((r) => r.stage);

export function candidateSnapshot(c: Candidate, rewards: RewardTable): ListingCandidateSnapshot {
  return {
    enterpriseId: c._id,
    stage: c.stage,
    coach: c.coach,
    history: c.history.map((h) => ({ stage: h.stage, at: iso(h.at), by: h.by, note: h.note })),
    rewardsDue: rewardsDue(c.stage, paidStages(c), rewards),
    rewardsPaid: c.rewardsPaid.map((r) => ({ stage: r.stage, amount: r.amount, paidAt: iso(r.paidAt), paidBy: r.paidBy })),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

export function candidateDto(c: Candidate, enterprise: CapitalEnterpriseDto | null, rewards: RewardTable): ListingCandidateDto {
  return {
    enterpriseId: c._id,
    enterprise,
    stage: c.stage,
    coach: c.coach,
    history: c.history.map((h) => ({ stage: h.stage, at: iso(h.at), note: h.note, setBy: h.by })),
    rewardsDue: rewardsDue(c.stage, paidStages(c), rewards),
    rewardsPaid: c.rewardsPaid.map((r) => ({ stage: r.stage, amount: r.amount, paidAt: iso(r.paidAt) })),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

/** One candidate's DTO with the enterprise as `p` may see it. */
export async function candidateDtoFor(deps: ListingDeps, c: Candidate, p: Principal): Promise<ListingCandidateDto> {
  const views = await deps.enterprises.views([c._id], p);
  return candidateDto(c, views.get(c._id) ?? null, deps.rewards);
}

export function requireFinanceCentre(p: Principal): void {
  if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre manages the listing pipeline');
}

/** A candidate's transition under its document lock (see aggregate.ts). */
export const changeCandidate = (deps: ListingDeps, id: string, decide: Decide<CandidateRecord>) =>
  transition(deps.repo.candidates, COLLECTIONS.candidates, id, 'Listing candidate', decide, deps.now);
