import type { EnterpriseSnapshot, EquityRoundStatus, EventEnvelope, ListingStage, MatchStatus, Tier } from '@yinqi/contracts';

/** The event source of everything this service writes. */
export const SOURCE = 'capital';

/** Collections whose documents carry an outbox (also the document-lock keys' prefix). */
export const COLLECTIONS = {
  candidates: 'listing_candidates',
  bonds: 'bond_reserve',
  rounds: 'equity_rounds',
  mandates: 'fund_mandates',
  matches: 'fund_matches',
  roadshows: 'roadshows',
} as const;

/** What every capital-markets aggregate document carries: its version and the events of its changes. */
export interface AggregateRecord {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** An aggregate as read back: the outbox belongs to the relay and is never read. */
export type Stored<R> = Omit<R, 'outbox'>;

export interface StageEntry {
  stage: ListingStage;
  at: Date;
  /** userId of the finance-centre user who set it. */
  by: string;
  note: string | null;
}
export interface RewardPaid {
  stage: ListingStage;
  amount: number;
  paidAt: Date;
  paidBy: string;
}
/** A listing candidate (上市后备企业); _id = enterpriseId. */
export interface CandidateRecord extends AggregateRecord {
  stage: ListingStage;
  coach: string | null;
  history: StageEntry[];
  rewardsPaid: RewardPaid[];
}

/** A bond-financing reserve item (债券融资项目储备). */
export interface BondRecord extends AggregateRecord {
  enterpriseId: string;
  amount: number;
  purpose: string;
  plannedQuarter: string;
  createdBy: string;
}

/** An equity round (股权融资) posted by an enterprise. */
export interface RoundRecord extends AggregateRecord {
  enterpriseId: string;
  amount: number;
  preMoneyValuation: number;
  useOfFunds: string;
  status: EquityRoundStatus;
  closedAt: Date | null;
  createdBy: string;
}

/** A fund's mandate (投资方向); empty lists mean "any". */
export interface MandateRecord extends AggregateRecord {
  fundId: string;
  name: string;
  minTicket: number;
  maxTicket: number;
  eligibleTiers: Tier[];
  industries: string[];
  stages: ListingStage[];
  createdBy: string;
}

/** A round × mandate match; _id derived from the pair (fundMatchIdOf), so a pair only ever has one. */
export interface FundMatchRecord extends AggregateRecord {
  roundId: string;
  enterpriseId: string;
  mandateId: string;
  fundId: string;
  amount: number;
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  status: MatchStatus;
  note: string | null;
  respondedAt: Date | null;
  respondedBy: string | null;
}

export interface Participant {
  enterpriseId: string;
  pitch: string;
  joinedAt: Date;
}
export interface Lead {
  institutionId: string;
  enterpriseId: string;
  note: string;
  recordedAt: Date;
  recordedBy: string;
}
/** A roadshow (培训路演). */
export interface RoadshowRecord extends AggregateRecord {
  title: string;
  startsAt: Date;
  industries: string[];
  capacity: number;
  participants: Participant[];
  leads: Lead[];
  createdBy: string;
}

/** Our copy of an enterprise, from the identity and enterprise services' events. */
export type EnterpriseCopy = EnterpriseSnapshot & { _id: string; uscc: string; version: number };
