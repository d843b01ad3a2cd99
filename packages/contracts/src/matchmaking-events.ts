import { z } from 'zod';
import { demandSnapshot, enterpriseSnapshot, matchSnapshot, productSnapshot, TIER } from './domain';
import { defineEvent, TOPIC_PREFIX } from './registry';
import { TOPICS as IDENTITY_TOPICS } from './identity-events';

export const MATCHMAKING_TOPICS = {
  enterprise: IDENTITY_TOPICS.enterprise,
  demand: `${TOPIC_PREFIX}.demand`,
  product: `${TOPIC_PREFIX}.product`,
  match: `${TOPIC_PREFIX}.match`,
} as const;

// Enterprise aggregate (key = enterpriseId). Version 1 is identity's enterprise.registered; the
// enterprise service continues the same aggregate's versions from 2. Every event carries the
// whole snapshot, so a consumer stores state instead of replaying deltas.
export const enterpriseProfileUpdated = defineEvent(
  'enterprise.profile-updated',
  MATCHMAKING_TOPICS.enterprise,
  z.object({ enterprise: enterpriseSnapshot }),
);
/** Tier (梯度培育库) or white list (白名单) changed by the finance centre. */
export const enterpriseCertified = defineEvent(
  'enterprise.certified',
  MATCHMAKING_TOPICS.enterprise,
  z.object({ enterprise: enterpriseSnapshot, previousTier: TIER, certifiedBy: z.string(), certifiedAt: z.string().datetime() }),
);

// Demand aggregate (key = demandId), owned by the enterprise service.
export const demandPosted = defineEvent('demand.posted', MATCHMAKING_TOPICS.demand, z.object({ demand: demandSnapshot }));
export const demandWithdrawn = defineEvent('demand.withdrawn', MATCHMAKING_TOPICS.demand, z.object({ demand: demandSnapshot }));
/** The enterprise service moves a demand's status as its matches progress (MATCHED, OFFERED, ACCEPTED, FUNDED, CLOSED). */
export const demandStatusChanged = defineEvent(
  'demand.status-changed',
  MATCHMAKING_TOPICS.demand,
  z.object({ demand: demandSnapshot, previousStatus: z.string() }),
);

// Product aggregate (key = productId), owned by the product service.
export const productPublished = defineEvent('product.published', MATCHMAKING_TOPICS.product, z.object({ product: productSnapshot }));
export const productSuspended = defineEvent('product.suspended', MATCHMAKING_TOPICS.product, z.object({ product: productSnapshot }));

// Match aggregate (key = matchId), owned by the matching service.
const matchEvent = z.object({ match: matchSnapshot, reason: z.string().nullable().optional() });
export const matchProposed = defineEvent('match.proposed', MATCHMAKING_TOPICS.match, matchEvent);
export const matchWithdrawn = defineEvent('match.withdrawn', MATCHMAKING_TOPICS.match, matchEvent);
/** The bank answered: status INTERESTED or DECLINED. */
export const matchResponded = defineEvent('match.responded', MATCHMAKING_TOPICS.match, matchEvent);
export const matchOffered = defineEvent('match.offered', MATCHMAKING_TOPICS.match, matchEvent);
export const matchAccepted = defineEvent('match.accepted', MATCHMAKING_TOPICS.match, matchEvent);
export const matchRejected = defineEvent('match.rejected', MATCHMAKING_TOPICS.match, matchEvent);
export const matchFunded = defineEvent('match.funded', MATCHMAKING_TOPICS.match, matchEvent);
/** Every event of the match aggregate, each carrying the whole match: for a reader that keeps or forwards matches. */
export const MATCH_EVENTS = [matchProposed, matchWithdrawn, matchResponded, matchOffered, matchAccepted, matchRejected, matchFunded];

export const MATCH_EVENT_TYPES = {
  'match.proposed': 'PROPOSED',
  'match.withdrawn': 'WITHDRAWN',
  'match.responded': 'RESPONDED',
  'match.offered': 'OFFERED',
  'match.accepted': 'ACCEPTED',
  'match.rejected': 'REJECTED',
  'match.funded': 'FUNDED',
} as const;
