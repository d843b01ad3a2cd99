import type { EquityRoundSnapshot, FundMandateSnapshot, FundMatchSnapshot } from '@yinqi/contracts';
import type { Mandate } from './fund-rules';
import { iso, isoOrNull } from './iso-dates';
import type { FundMatchRecord, MandateRecord, RoundRecord, Stored } from './records';

/** Rounds, mandates and matches as their events carry them, and a mandate as the matcher holds it. */

export const roundSnapshot = (r: Stored<RoundRecord>): EquityRoundSnapshot => ({
  roundId: r._id,
  enterpriseId: r.enterpriseId,
  amount: r.amount,
  preMoneyValuation: r.preMoneyValuation,
  useOfFunds: r.useOfFunds,
  status: r.status,
  createdAt: iso(r.createdAt),
  closedAt: isoOrNull(r.closedAt),
});

export const mandateSnapshot = (m: Stored<MandateRecord>): FundMandateSnapshot => ({
  mandateId: m._id,
  fundId: m.fundId,
  name: m.name,
  minTicket: m.minTicket,
  maxTicket: m.maxTicket,
  eligibleTiers: m.eligibleTiers,
  industries: m.industries,
  stages: m.stages,
  createdAt: iso(m.createdAt),
  createdBy: m.createdBy,
});

export const matchSnapshot = (m: Stored<FundMatchRecord>): FundMatchSnapshot => ({
  matchId: m._id,
  roundId: m.roundId,
  enterpriseId: m.enterpriseId,
  mandateId: m.mandateId,
  fundId: m.fundId,
  amount: m.amount,
  score: m.score,
  reasons: m.reasons,
  status: m.status,
  note: m.note,
  createdAt: iso(m.createdAt),
  respondedAt: isoOrNull(m.respondedAt),
});

/** A mandate for the matcher, from its event (consumer) or its stored record (start-up load). */
export const asMandate = (m: FundMandateSnapshot | Stored<MandateRecord>): Mandate => ({
  mandateId: 'mandateId' in m ? m.mandateId : m._id,
  fundId: m.fundId,
  minTicket: m.minTicket,
  maxTicket: m.maxTicket,
  eligibleTiers: m.eligibleTiers,
  industries: m.industries,
  stages: m.stages,
});
