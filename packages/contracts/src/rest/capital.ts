import type { EquityRoundStatus, ListingStage } from '../capital-events';
import type { MatchStatus } from '../domain';
import type { EnterpriseDto } from './enterprise';

/**
 * What the capital service answers over REST (its internal API, called by the gateway only).
 * The service builds these and the gateway reads them, so both import them from here.
 */

/**
 * The capital service's own copy of an enterprise. Financial figures are null unless the caller is
 * the finance centre or the enterprise itself.
 */
export type CapitalEnterpriseDto = EnterpriseDto;

/** A listing candidate (上市后备企业) on the pipeline board. */
export interface ListingCandidateDto {
  enterpriseId: string;
  /** The service's copy (the gateway prefers the enterprise service's when the caller may read it). */
  enterprise: CapitalEnterpriseDto | null;
  stage: ListingStage;
  coach: string | null;
  history: { stage: ListingStage; at: string; note: string | null; setBy: string }[];
  rewardsDue: { stage: ListingStage; amount: number }[];
  rewardsPaid: { stage: ListingStage; amount: number; paidAt: string }[];
  createdAt: string;
  updatedAt: string;
}

/** A bond-financing reserve item (债券融资项目储备). */
export interface BondReserveItemDto {
  id: string;
  enterpriseId: string;
  enterprise: CapitalEnterpriseDto | null;
  amount: number;
  purpose: string;
  plannedQuarter: string;
  createdAt: string;
}

/** A fund's mandate (投资方向); empty lists mean "any". */
export interface FundMandateDto {
  id: string;
  fundId: string;
  name: string;
  minTicket: number;
  maxTicket: number;
  eligibleTiers: string[];
  industries: string[];
  stages: ListingStage[];
  createdAt: string;
}

/** An equity round (股权融资) posted by an enterprise. */
export interface EquityRoundDto {
  id: string;
  enterpriseId: string;
  enterprise: CapitalEnterpriseDto | null;
  amount: number;
  preMoneyValuation: number;
  useOfFunds: string;
  status: EquityRoundStatus;
  createdAt: string;
  closedAt: string | null;
  /** Present when the list was asked for with its matches (myEquityRounds); the gateway fetches them otherwise. */
  matches?: FundMatchDto[];
}

/** A round × mandate match, with its round and mandate. */
export interface FundMatchDto {
  id: string;
  roundId: string;
  round: EquityRoundDto | null;
  mandateId: string;
  mandate: FundMandateDto | null;
  fundId: string;
  enterpriseId: string;
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  status: MatchStatus;
  note: string | null;
  createdAt: string;
  respondedAt: string | null;
}

/** A roadshow (培训路演); `leads` holds only those the caller may see. */
export interface RoadshowDto {
  id: string;
  title: string;
  startsAt: string;
  industries: string[];
  capacity: number;
  participants: { enterpriseId: string; enterprise: CapitalEnterpriseDto | null; pitch: string; joinedAt: string }[];
  leads: { institutionId: string; enterpriseId: string; enterprise: CapitalEnterpriseDto | null; note: string; recordedAt: string }[];
  createdAt: string;
}
