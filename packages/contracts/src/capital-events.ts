import { z } from 'zod';
import { MATCH_STATUS, TIER } from './domain';
import { defineEvent, TOPIC_PREFIX } from './registry';

/**
 * Capital markets (items 11, 12, 17, 18 and 32 of the plan), owned by the capital service.
 * One topic per aggregate family; every event carries the aggregate's whole snapshot after the change,
 * so a consumer stores state (applyIfNewer by envelope version) instead of replaying deltas.
 */
export const CAPITAL_TOPICS = {
  /** Listing candidates (上市后备), key = enterpriseId. */
  listing: `${TOPIC_PREFIX}.listing`,
  /** Bond reserve items (债券融资项目储备), key = itemId. */
  bond: `${TOPIC_PREFIX}.bond`,
  /** Equity rounds (key = roundId), fund mandates (key = mandateId) and fund matches (key = matchId). */
  equity: `${TOPIC_PREFIX}.equity`,
  /** Roadshows (培训路演), key = roadshowId. */
  roadshow: `${TOPIC_PREFIX}.roadshow`,
} as const;

/** The listing ladder, in order: 上市后备资源库 → 辅导备案 → 新三板基础层 → 新三板创新层 → 北交所申报 → 上市. */
export const LISTING_STAGE = z.enum([
  /** 上市后备资源库 */ 'RESERVE',
  /** 辅导备案 */ 'TUTORING',
  /** 新三板基础层 */ 'NEEQ_BASIC',
  /** 新三板创新层 */ 'NEEQ_INNOVATION',
  /** 北交所申报 */ 'BSE_FILED',
  /** 上市 */ 'LISTED',
]);
export type ListingStage = z.infer<typeof LISTING_STAGE>;
export const EQUITY_ROUND_STATUS = z.enum(['OPEN', 'CLOSED']);
export type EquityRoundStatus = z.infer<typeof EQUITY_ROUND_STATUS>;

const at = z.string().datetime();

export const stageEntrySnapshot = z.object({
  stage: LISTING_STAGE,
  at,
  /** userId of the FINANCE_CENTER user who set it. */
  by: z.string(),
  note: z.string().nullable(),
});
export const rewardSnapshot = z.object({ stage: LISTING_STAGE, amount: z.number().int() });
export const rewardPaidSnapshot = rewardSnapshot.extend({ paidAt: at, paidBy: z.string() });

/** A listing candidate (上市后备企业) as it stands after the change; one per enterprise. */
export const listingCandidateSnapshot = z.object({
  enterpriseId: z.string(),
  stage: LISTING_STAGE,
  /** 一对一上市辅导 coach, free text. */
  coach: z.string().nullable(),
  /** Oldest first. */
  history: z.array(stageEntrySnapshot),
  /** Staged rewards (item 32) reached and not yet paid, at the amounts configured when the event was written. */
  rewardsDue: z.array(rewardSnapshot),
  rewardsPaid: z.array(rewardPaidSnapshot),
  createdAt: at,
  updatedAt: at,
});
export type ListingCandidateSnapshot = z.infer<typeof listingCandidateSnapshot>;

const candidateEvent = z.object({ candidate: listingCandidateSnapshot });
export const listingStageSet = defineEvent(
  'listing.stage-set',
  CAPITAL_TOPICS.listing,
  candidateEvent.extend({
    enterpriseId: z.string(),
    stage: LISTING_STAGE,
    /** null when the enterprise enters the pipeline. */
    previousStage: LISTING_STAGE.nullable(),
    at,
    by: z.string(),
    note: z.string().nullable(),
  }),
);
export const listingCoachAssigned = defineEvent(
  'listing.coach-assigned',
  CAPITAL_TOPICS.listing,
  candidateEvent.extend({ enterpriseId: z.string(), coach: z.string(), at, by: z.string() }),
);
export const listingRewardPaid = defineEvent(
  'listing.reward-paid',
  CAPITAL_TOPICS.listing,
  candidateEvent.extend({ enterpriseId: z.string(), stage: LISTING_STAGE, amount: z.number().int(), at, by: z.string() }),
);

/** A bond-financing reserve item (债券融资项目储备); immutable once added. */
export const bondReserveItemSnapshot = z.object({
  itemId: z.string(),
  enterpriseId: z.string(),
  amount: z.number().int(),
  purpose: z.string(),
  /** e.g. `2026Q3`. */
  plannedQuarter: z.string().regex(/^\d{4}Q[1-4]$/),
  createdAt: at,
  createdBy: z.string(),
});
export type BondReserveItemSnapshot = z.infer<typeof bondReserveItemSnapshot>;
export const bondReserveAdded = defineEvent('bond.reserve-added', CAPITAL_TOPICS.bond, z.object({ item: bondReserveItemSnapshot }));

/** An equity financing round (股权融资) posted by an enterprise. */
export const equityRoundSnapshot = z.object({
  roundId: z.string(),
  enterpriseId: z.string(),
  amount: z.number().int(),
  preMoneyValuation: z.number(),
  useOfFunds: z.string(),
  status: EQUITY_ROUND_STATUS,
  createdAt: at,
  closedAt: at.nullable(),
});
export type EquityRoundSnapshot = z.infer<typeof equityRoundSnapshot>;
export const equityRoundPosted = defineEvent('equity.round-posted', CAPITAL_TOPICS.equity, z.object({ round: equityRoundSnapshot }));
export const equityRoundClosed = defineEvent('equity.round-closed', CAPITAL_TOPICS.equity, z.object({ round: equityRoundSnapshot }));

/** A fund's investment mandate (投资方向); empty lists mean "any". */
export const fundMandateSnapshot = z.object({
  mandateId: z.string(),
  /** The FUND institution (政府引导基金, venture fund) that owns it. */
  fundId: z.string(),
  name: z.string(),
  minTicket: z.number().int(),
  maxTicket: z.number().int(),
  eligibleTiers: z.array(TIER),
  industries: z.array(z.string()),
  stages: z.array(LISTING_STAGE),
  createdAt: at,
  createdBy: z.string(),
});
export type FundMandateSnapshot = z.infer<typeof fundMandateSnapshot>;
export const fundMandatePublished = defineEvent(
  'fund.mandate-published',
  CAPITAL_TOPICS.equity,
  z.object({ mandate: fundMandateSnapshot }),
);

export const fundMatchReason = z.object({ rule: z.string(), passed: z.boolean(), detail: z.string() });
/** A round × mandate match; status PROPOSED, INTERESTED, DECLINED or WITHDRAWN. */
export const fundMatchSnapshot = z.object({
  matchId: z.string(),
  roundId: z.string(),
  enterpriseId: z.string(),
  mandateId: z.string(),
  fundId: z.string(),
  /** The round's amount, so read models need not join. */
  amount: z.number().int(),
  score: z.number(),
  reasons: z.array(fundMatchReason),
  status: MATCH_STATUS,
  note: z.string().nullable(),
  createdAt: at,
  respondedAt: at.nullable(),
});
export type FundMatchSnapshot = z.infer<typeof fundMatchSnapshot>;
const fundMatchEvent = z.object({ match: fundMatchSnapshot });
export const fundMatchProposed = defineEvent('fund-match.proposed', CAPITAL_TOPICS.equity, fundMatchEvent);
/** The fund answered: status INTERESTED or DECLINED, with its note. */
export const fundMatchResponded = defineEvent('fund-match.responded', CAPITAL_TOPICS.equity, fundMatchEvent);
/** No longer eligible before a response (tier / listing stage changed, round closed). */
export const fundMatchWithdrawn = defineEvent('fund-match.withdrawn', CAPITAL_TOPICS.equity, fundMatchEvent.extend({ reason: z.string() }));

export const roadshowParticipantSnapshot = z.object({ enterpriseId: z.string(), pitch: z.string(), joinedAt: at });
export const roadshowLeadSnapshot = z.object({
  institutionId: z.string(),
  enterpriseId: z.string(),
  note: z.string(),
  recordedAt: at,
  recordedBy: z.string(),
});
/** A roadshow (培训路演) as it stands after the change. */
export const roadshowSnapshot = z.object({
  roadshowId: z.string(),
  title: z.string(),
  startsAt: at,
  industries: z.array(z.string()),
  capacity: z.number().int(),
  participants: z.array(roadshowParticipantSnapshot),
  leads: z.array(roadshowLeadSnapshot),
  createdAt: at,
  createdBy: z.string(),
});
export type RoadshowSnapshot = z.infer<typeof roadshowSnapshot>;
export const roadshowScheduled = defineEvent('roadshow.scheduled', CAPITAL_TOPICS.roadshow, z.object({ roadshow: roadshowSnapshot }));
export const roadshowJoined = defineEvent(
  'roadshow.joined',
  CAPITAL_TOPICS.roadshow,
  z.object({ roadshow: roadshowSnapshot, enterpriseId: z.string() }),
);
export const roadshowLeadRecorded = defineEvent(
  'roadshow.lead-recorded',
  CAPITAL_TOPICS.roadshow,
  z.object({ roadshow: roadshowSnapshot, lead: roadshowLeadSnapshot }),
);
