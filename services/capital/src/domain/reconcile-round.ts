import { checkFundEligibility, type Pitch } from './fund-rules';
import type { EquityDeps } from './deps';
import { proposeMatch, withdrawMatch } from './fund-matches';
import type { FundMatchRecord, Stored } from './records';

/**
 * Brings one round's matches in line with the mandates, its enterprise and its status: a closed
 * round's unanswered matches are withdrawn; an open round gets a match per eligible mandate, and
 * its unanswered matches that are no longer eligible are withdrawn with the failed rules as reason.
 */
export async function reconcileRound(deps: EquityDeps, roundId: string): Promise<void> {
  const round = deps.matcher.round(roundId);
  if (!round) return;
  const existing = new Map((await deps.repo.matches.findMany({ roundId })).map((m) => [m.mandateId, m]));
  if (round.status !== 'OPEN') {
    for (const m of existing.values()) if (m.status === 'PROPOSED') await withdrawMatch(deps, m._id, '融资轮次已关闭');
    return;
  }
  const pitch = deps.matcher.pitch(round);
  if (!pitch) return; // the enterprise's events have not arrived: matched when they do
  const candidates = deps.matcher.candidatesFor(pitch);
  for (const c of candidates) await proposeMatch(deps, round, c.mandate, c.score, c.reasons, existing.get(c.mandate.mandateId));
  await withdrawIneligible(deps, pitch, new Set(candidates.map((c) => c.mandate.mandateId)), existing);
}

async function withdrawIneligible(
  deps: EquityDeps,
  pitch: Pitch,
  eligible: Set<string>,
  existing: Map<string, Stored<FundMatchRecord>>,
): Promise<void> {
  for (const m of existing.values()) {
    if (eligible.has(m.mandateId) || m.status !== 'PROPOSED') continue;
    const mandate = deps.matcher.mandate(m.mandateId);
    const failed = mandate ? checkFundEligibility(pitch, mandate).reasons.filter((r) => !r.passed) : [];
    await withdrawMatch(deps, m._id, failed.length ? failed.map((r) => `${r.rule}: ${r.detail}`).join('；') : '基金投资方向已变更');
  }
}
