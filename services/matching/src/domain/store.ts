import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { DemandSnapshot, EnterpriseSnapshot, EventEnvelope, MatchStatus, ProductSnapshot } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type { Match, MatchRecord } from './match';

/** What matching keeps of the policy; SLA fields are absent from copies stored before they existed. */
export interface PolicyCopy {
  guaranteeFeeRateTarget: number;
  bankResponseSlaHours?: number;
  bankResponseSlaBasis?: 'CLOCK_HOURS' | 'WORKING_HOURS' | 'WORKING_DAYS';
  bankResponseSlaWorkingDays?: number;
}

/**
 * What the use cases need from storage (data/repository.ts implements it): the matches, and the
 * copies of other services' aggregates kept from their events. `save*` store a copy only when its
 * version is newer and answer false when it was already seen.
 */
export interface MatchingStore {
  loadIndex(): Promise<number>;
  saveEnterprise(e: EnterpriseSnapshot, version: number): Promise<boolean>;
  saveDemand(d: DemandSnapshot, version: number): Promise<boolean>;
  saveProduct(p: ProductSnapshot, version: number): Promise<boolean>;
  allEnterprises(): Promise<EnterpriseSnapshot[]>;
  liveDemands(): Promise<DemandSnapshot[]>;
  publishedProducts(): Promise<ProductSnapshot[]>;
  findDemandCopy(id: string): Promise<DemandSnapshot | null>;
  findProductCopy(id: string): Promise<ProductSnapshot | null>;
  findEnterpriseCopy(id: string): Promise<EnterpriseSnapshot | null>;
  /** New matches in one round trip; pairs that already have one are skipped. Returns those inserted. */
  insertMatches(records: MatchRecord[]): Promise<MatchRecord[]>;
  findMatch(id: string): Promise<Match | null>;
  matchesOfDemand(demandId: string): Promise<Match[]>;
  matchesOfProduct(productId: string, statuses: MatchStatus[]): Promise<Match[]>;
  bankMatches<T>(
    bankId: string,
    status: MatchStatus | undefined,
    args: { first?: unknown; after?: unknown },
    toNode: (m: Match) => T,
  ): Promise<Page<T>>;
  /**
   * A bank's matches with enterprises whose name contains `enterpriseName`, in bankMatches' order and
   * cursor (data/match-search.ts adds it; a store without it searches nothing).
   */
  bankMatchesOfEnterprises?<T>(
    bankId: string,
    status: MatchStatus | undefined,
    enterpriseName: string,
    args: { first?: unknown; after?: unknown },
    toNode: (m: Match) => T,
  ): Promise<Page<T>>;
  /** Applies `set` and appends `event` only if the match is still at `current.version`. */
  updateMatch(current: Match, set: Partial<MatchRecord>, event: EventEnvelope): Promise<boolean>;
  /** Score and reasons only: no lifecycle change, no event. */
  refreshMatch(id: string, version: number, score: number, reasons: Match['reasons']): Promise<boolean>;
  setGuaranteeFeeRate(matchId: string, feeRate: number | null): Promise<void>;
  savePolicy(policy: PolicyCopy, version: number): Promise<boolean>;
  findPolicy(): Promise<PolicyCopy | null>;
  saveCalendar(calendar: WorkingCalendarSnapshot, version: number): Promise<boolean>;
  releaseAcceptance(demandId: string, matchId: string): Promise<void>;
  /** Claims the demand for one accepted match; returns the match id that holds the claim. */
  claimAcceptance(demandId: string, matchId: string): Promise<string>;
}
