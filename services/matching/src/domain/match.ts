import { createHash } from 'node:crypto';
import type { EventEnvelope, MatchStatus } from '@yinqi/contracts';
import type { RuleResult } from '@yinqi/engine';

export interface OfferRecord {
  amount: number;
  annualRate: number;
  termMonths: number;
  conditions: string | null;
  offeredAt: Date;
}

/** A match (银企对接) as stored, with the events its last writes carry (the outbox). */
export interface MatchRecord {
  /** Derived from (demandId, productId): the unique _id index makes "one match per pair" hold whatever the event order. */
  _id: string;
  demandId: string;
  enterpriseId: string;
  productId: string;
  bankId: string;
  score: number;
  reasons: RuleResult[];
  status: MatchStatus;
  offer: OfferRecord | null;
  amount: number;
  /** The demand asks for a guarantee or the product requires one (政银担). */
  guaranteeRequired: boolean;
  /** Fee rate of the selected guarantee quote, once there is one. */
  guaranteeFeeRate: number | null;
  responseReason: string | null;
  createdAt: Date;
  respondedAt: Date | null;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** A match as read: never its stored events. */
export type Match = Omit<MatchRecord, 'outbox'>;

/** The match id of a (demand, product) pair: deterministic, so a pair can only ever have one. */
export const matchIdOf = (demandId: string, productId: string) =>
  createHash('sha256').update(`${demandId}\u0000${productId}`).digest('hex').slice(0, 32);

/** Before an offer a match can still be withdrawn when it stops being eligible. */
export const PRE_OFFER: MatchStatus[] = ['PROPOSED', 'INTERESTED'];
export const OPEN_FOR_REJECTION: MatchStatus[] = ['PROPOSED', 'INTERESTED', 'OFFERED'];
export const ALL_STATUSES: MatchStatus[] = ['PROPOSED', 'INTERESTED', 'DECLINED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'WITHDRAWN'];
