import { createHash } from 'node:crypto';
import type { CalendarYear } from '@yinqi/calendar';
import type { DemandSnapshot, EventEnvelope, GuaranteeRequestDto, MatchStatus, PolicySnapshot } from '@yinqi/contracts';

/** The `source` of every event this service writes. */
export const SOURCE = 'guarantee';

export type RequestStatus = 'OPEN' | 'SELECTED' | 'CLOSED';

/** The collections whose documents carry an outbox; their names are also the document-lock keys' prefix. */
export const REQUESTS_COLLECTION = 'guarantee_requests';
export const POLICY_COLLECTION = 'policy';
export const CALENDAR_COLLECTION = 'working_calendar';

export interface QuoteRecord {
  quoteId: string;
  guarantorId: string;
  /** userId of the officer who quoted. */
  quotedBy: string;
  feeRate: number;
  coverageRatio: number;
  conditions: string | null;
  quotedAt: Date;
}

/** The accepted offer as the match event reported it. */
export interface OfferCopy {
  amount: number;
  annualRate: number;
  termMonths: number;
  conditions: string | null;
}

/** A guarantee request (担保需求, 政银担) for one accepted match. */
export interface GuaranteeRequestRecord
  extends Pick<GuaranteeRequestDto, 'matchId' | 'demandId' | 'enterpriseId' | 'bankId' | 'productId' | 'amount'> {
  /** Derived from the match id: the unique _id makes "one request per match" hold under re-delivery. */
  _id: string;
  offer: OfferCopy | null;
  /** The match's createdAt and score, so a reader who may not load the match still gets a whole Match. */
  matchCreatedAt: string;
  matchScore: number;
  matchStatus: MatchStatus;
  /** The demand copy as it stood when the request opened (null if none had arrived); readers get the latest copy (request-dto.ts). */
  demand: DemandSnapshot | null;
  /** The demand aggregate version of `demand` (0 when none). */
  demandVersion: number;
  /** The match aggregate version last applied here (close events only act when newer). */
  matchVersion: number;
  status: RequestStatus;
  quotes: QuoteRecord[];
  /** Guarantee institutions that quoted: they keep seeing the request after it leaves OPEN. */
  guarantorIds: string[];
  selectedQuoteId: string | null;
  closedReason: string | null;
  createdAt: Date;
  expiresAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** Our copy of a demand (融资需求), kept from the enterprise service's events. */
export type DemandCopy = DemandSnapshot & { _id: string; version: number };

/** One change of the policy, kept on the policy document (who, when, old → new). */
export interface PolicyHistoryEntry {
  changedBy: string;
  at: Date;
  from: PolicySnapshot;
  to: PolicySnapshot;
}

/** The district policy (区金融发展事务中心): one document, _id "policy". */
export type PolicyRecord = PolicySnapshot & {
  _id: string;
  history: PolicyHistoryEntry[];
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
};

/** The working calendar (工作日历): one document, every maintained year, who changed which year when. */
export interface WorkingCalendarRecord {
  _id: string;
  years: CalendarYear[];
  history: { changedBy: string; at: Date; year: number; before: CalendarYear | null; after: CalendarYear }[];
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

export type GuaranteeRequest = Omit<GuaranteeRequestRecord, 'outbox'>;
export type Policy = Omit<PolicyRecord, 'outbox'>;
export type WorkingCalendarDoc = Omit<WorkingCalendarRecord, 'outbox'>;

/** The request id of a match: deterministic, so a match can only ever have one request. */
export const requestIdOf = (matchId: string) => createHash('sha256').update(`guarantee\u0000${matchId}`).digest('hex').slice(0, 32);
