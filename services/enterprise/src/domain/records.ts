import type { DemandDto, EnterpriseDto, EventEnvelope, MatchStatus, Tier } from '@yinqi/contracts';

/** One certification by the finance centre (梯度培育库 tier and 白名单), kept as history. */
export interface CertificationEntry {
  tier: Tier;
  whitelisted: boolean;
  /** userId of the FINANCE_CENTER account that certified. */
  by: string;
  at: Date;
}

/**
 * An enterprise profile (企业画像). `version` continues identity's enterprise aggregate: 1 is
 * enterprise.registered, every change made here adds one and rides out in `outbox`.
 */
export type EnterpriseRecord = Omit<EnterpriseDto, 'id'> & {
  _id: string;
  certifications: CertificationEntry[];
  /** Banks that have (or had) a match with this enterprise, learnt from match events: they may read the profile. */
  bankIds: string[];
  /** Guarantee institutions with a guarantee request for this enterprise; filled once the guarantee service exists. */
  guarantorIds: string[];
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
};

/** The latest status of one match on a demand, as far as the match events told us. */
export interface MatchState {
  status: MatchStatus;
  /** The match aggregate's version that reported this status; older or equal ones are ignored. */
  version: number;
  bankId: string;
}

/** A financing demand (融资需求): the fields the API serves, with the relations and the outbox only the store holds. */
export type DemandRecord = Omit<DemandDto, 'id' | 'createdAt'> & {
  _id: string;
  /** Keyed by matchId (hex/uuid, so never `.` or a leading `$`). */
  matches: Record<string, MatchState>;
  /** Banks with a match on this demand: they may read it. */
  bankIds: string[];
  /** Guarantee institutions with a request on this demand; filled once the guarantee service exists. */
  guarantorIds: string[];
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
};

export type Enterprise = Omit<EnterpriseRecord, 'outbox'>;
export type Demand = Omit<DemandRecord, 'outbox'>;
