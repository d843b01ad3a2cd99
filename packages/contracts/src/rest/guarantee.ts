import type { PolicySnapshot } from '../credit-events';
import type { DemandSnapshot } from '../domain';
import type { MatchDto } from './matching';

/** A guarantee institution's quote on a request. */
export interface GuaranteeQuoteDto {
  id: string;
  guarantorId: string;
  feeRate: number;
  coverageRatio: number;
  conditions: string | null;
  quotedAt: string;
}

/**
 * What the guarantee service keeps of a request's match (no reasons, no response deadline), for
 * readers the matching service does not serve (guarantors).
 */
export type GuaranteeMatchDto = Pick<
  MatchDto,
  'id' | 'demandId' | 'enterpriseId' | 'productId' | 'bankId' | 'score' | 'status' | 'createdAt' | 'offer'
>;

/** A guarantee request (担保需求, 政银担) as the guarantee service answers it over REST. */
export interface GuaranteeRequestDto {
  id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  productId: string;
  amount: number;
  status: 'OPEN' | 'SELECTED' | 'CLOSED';
  quotes: GuaranteeQuoteDto[];
  selectedQuote: GuaranteeQuoteDto | null;
  closedReason: string | null;
  createdAt: string;
  expiresAt: string;
  /** What this service knows of the demand, for readers the enterprise service does not serve (guarantors). */
  demand: DemandSnapshot | null;
  /** What this service knows of the match, for readers the matching service does not serve (guarantors). */
  match: GuaranteeMatchDto;
}

/** One field of one policy change: old → new. */
export interface PolicyFieldChange {
  field: keyof PolicySnapshot;
  from: number | string;
  to: number | string;
}

/** The district policy as the guarantee service answers it. */
export interface PolicyDto extends PolicySnapshot {
  updatedAt: string;
  /** Only for the finance centre: who changed what, newest first. */
  history?: { changedBy: string; at: string; changes: PolicyFieldChange[] }[];
}

/** One year of the working calendar (工作日历) as the console shows it. */
export interface CalendarYearDto {
  year: number;
  holidays: { date: string; name: string }[];
  makeUpWorkdays: { date: string; name: string }[];
  /** False for a year nobody has entered: it counts Monday–Friday only until the finance centre does. */
  maintained: boolean;
  /** Working days in the year under this calendar. */
  workingDays: number;
  updatedAt: string | null;
  updatedBy: string | null;
}
