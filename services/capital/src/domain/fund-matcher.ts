import type { EquityRoundStatus, ListingStage, Tier } from '@yinqi/contracts';
import { BitsetIndex, type RuleResult } from '@yinqi/engine';
import { checkFundEligibility, mandateDimensions, pitchDimensions, scoreFundMatch, type Mandate, type Pitch } from './fund-rules';

export interface RoundInfo {
  roundId: string;
  enterpriseId: string;
  amount: number;
  status: EquityRoundStatus;
}

export interface FundCandidate {
  mandate: Mandate;
  score: number;
  reasons: RuleResult[];
}

/**
 * The equity matcher's memory: mandates in a BitsetIndex (tier, industry, listing stage; the
 * ticket range is checked on the survivors), open rounds, and what matching needs of each
 * enterprise. Rebuilt from the service's database at start; kept current by the consumers, which
 * apply each aggregate's newer versions only.
 */
export class FundMatcher {
  private readonly mandates = new BitsetIndex<Mandate>((m) => m.mandateId, mandateDimensions);
  private readonly rounds = new Map<string, RoundInfo & { version: number }>();
  private readonly roundsByEnterprise = new Map<string, Set<string>>();
  private readonly enterprises = new Map<string, { tier: Tier; industry: string }>();
  private readonly stages = new Map<string, { stage: ListingStage; version: number }>();

  get mandateCount() {
    return this.mandates.size;
  }
  get openRoundCount() {
    return [...this.rounds.values()].filter((r) => r.status === 'OPEN').length;
  }

  putMandate(m: Mandate): void {
    this.mandates.upsert(m);
  }
  mandate(id: string): Mandate | undefined {
    return this.mandates.get(id);
  }

  /** False when this version is not newer than the one held. Closed rounds are forgotten. */
  putRound(r: RoundInfo, version: number): boolean {
    const held = this.rounds.get(r.roundId);
    if (held && held.version >= version) return false;
    let set = this.roundsByEnterprise.get(r.enterpriseId);
    if (!set) this.roundsByEnterprise.set(r.enterpriseId, (set = new Set()));
    if (r.status === 'OPEN') {
      this.rounds.set(r.roundId, { ...r, version });
      set.add(r.roundId);
    } else {
      // Keep a tombstone version so an older "posted" re-delivery cannot reopen it.
      this.rounds.set(r.roundId, { ...r, version });
      set.delete(r.roundId);
    }
    return true;
  }
  round(id: string): RoundInfo | undefined {
    return this.rounds.get(id);
  }
  openRoundsOf(enterpriseId: string): RoundInfo[] {
    return [...(this.roundsByEnterprise.get(enterpriseId) ?? [])].map((id) => this.rounds.get(id)!).filter((r) => r && r.status === 'OPEN');
  }

  putEnterprise(id: string, e: { tier: Tier; industry: string }): void {
    this.enterprises.set(id, { tier: e.tier, industry: e.industry });
  }
  /** False when this version is not newer. */
  putStage(enterpriseId: string, stage: ListingStage, version: number): boolean {
    const held = this.stages.get(enterpriseId);
    if (held && held.version >= version) return false;
    this.stages.set(enterpriseId, { stage, version });
    return true;
  }

  pitch(round: RoundInfo): Pitch | undefined {
    const enterprise = this.enterprises.get(round.enterpriseId);
    if (!enterprise) return undefined;
    return { round, enterprise, stage: this.stages.get(round.enterpriseId)?.stage ?? null };
  }

  /** Every mandate eligible for this round, with score and reasons. */
  candidatesFor(pitch: Pitch): FundCandidate[] {
    if (pitch.round.status !== 'OPEN') return [];
    const out: FundCandidate[] = [];
    this.mandates.forEachMatching(pitchDimensions(pitch), (m) => {
      const ev = checkFundEligibility(pitch, m);
      if (ev.eligible) out.push({ mandate: m, score: scoreFundMatch(pitch, m), reasons: ev.reasons });
    });
    return out;
  }

  /** Open rounds this mandate is eligible for (open rounds are few: a scan). */
  pitchesFor(m: Mandate): { pitch: Pitch; score: number; reasons: RuleResult[] }[] {
    const out: { pitch: Pitch; score: number; reasons: RuleResult[] }[] = [];
    for (const r of this.rounds.values()) {
      if (r.status !== 'OPEN') continue;
      const pitch = this.pitch(r);
      if (!pitch) continue;
      const ev = checkFundEligibility(pitch, m);
      if (ev.eligible) out.push({ pitch, score: scoreFundMatch(pitch, m), reasons: ev.reasons });
    }
    return out;
  }
}
