import {
  enterpriseCertified,
  enterpriseProfileUpdated,
  enterpriseRegistered,
  institutionCreated,
  MATCH_EVENTS,
  type EnterpriseSnapshot,
  type MatchSnapshot,
  type Tier,
  DEMAND_EVENTS,
  PRODUCT_EVENTS,
} from '@yinqi/contracts';
import { decideOn, isNewer, ms, type Decide, type HeldFacts } from './decider';
import type { FactChange, MatchFact } from './facts';

/** The match as last reported, with when the bank first responded and first offered. */
function matchFacts(m: MatchSnapshot, event: { type: string; version: number; occurredAt: string }, held: HeldFacts): FactChange[] {
  const v = event.version;
  if (!isNewer(held, 'match', m.matchId, v)) return [];
  const cur = held.get('match', m.matchId);
  const at = ms(event.occurredAt);
  const fact: MatchFact = {
    _id: m.matchId,
    v,
    demandId: m.demandId,
    enterpriseId: m.enterpriseId,
    productId: m.productId,
    bankId: m.bankId,
    status: m.status,
    amount: m.amount,
    createdAt: ms(m.createdAt),
    respondedAt: cur?.respondedAt ?? (event.type === 'match.responded' ? at : null),
    offeredAt: cur?.offeredAt ?? (event.type === 'match.offered' ? at : null),
    offerAmount: m.offer?.amount ?? null,
    offerRate: m.offer?.annualRate ?? null,
    offerTermMonths: m.offer?.termMonths ?? null,
  };
  return [{ kind: 'match', fact }];
}

/** enterprise.profile-updated and enterprise.certified carry the whole profile; certified also notes when a tier was first reached. */
function enterpriseFacts(
  snap: EnterpriseSnapshot,
  certified: { previousTier: Tier; certifiedAt: string } | null,
  event: { version: number; occurredAt: string },
  held: HeldFacts,
): FactChange[] {
  const v = event.version;
  if (!isNewer(held, 'enterprise', snap.enterpriseId, v)) return [];
  const reachedAt: Partial<Record<Tier, number>> = { ...(held.get('enterprise', snap.enterpriseId)?.reachedAt ?? {}) };
  if (certified && snap.tier !== 'NONE' && snap.tier !== certified.previousTier && reachedAt[snap.tier] === undefined)
    reachedAt[snap.tier] = ms(certified.certifiedAt) || ms(event.occurredAt);
  return [{ kind: 'enterprise', fact: { _id: snap.enterpriseId, v, name: snap.name, tier: snap.tier, reachedAt } }];
}

/** Institutions, enterprises, products, demands and matches. */
export const MATCHMAKING_DECIDERS: Record<string, Decide> = {
  ...decideOn(institutionCreated, (d, { version: v }, held): FactChange[] => {
    if (!isNewer(held, 'institution', d.institutionId, v)) return [];
    return [{ kind: 'institution', fact: { _id: d.institutionId, v, kind: d.kind, name: d.name } }];
  }),
  ...decideOn(enterpriseRegistered, (d, { version: v }, held): FactChange[] => {
    if (!isNewer(held, 'enterprise', d.enterpriseId, v)) return [];
    return [{ kind: 'enterprise', fact: { _id: d.enterpriseId, v, name: d.name, tier: 'NONE', reachedAt: {} } }];
  }),
  // The snapshot is required by the schema; a missing one (an event older than it) changes nothing.
  ...decideOn(enterpriseProfileUpdated, (d, event, held) => (d.enterprise ? enterpriseFacts(d.enterprise, null, event, held) : [])),
  ...decideOn(enterpriseCertified, (d, event, held) => (d.enterprise ? enterpriseFacts(d.enterprise, d, event, held) : [])),
  ...decideOn(PRODUCT_EVENTS, ({ product: p }, { version: v }, held): FactChange[] => {
    if (!isNewer(held, 'product', p.productId, v)) return [];
    return [{ kind: 'product', fact: { _id: p.productId, v, name: p.name, bankId: p.bankId } }];
  }),
  ...decideOn(DEMAND_EVENTS, ({ demand: d }, { version: v }, held): FactChange[] => {
    if (!isNewer(held, 'demand', d.demandId, v)) return [];
    const fact = { _id: d.demandId, v, enterpriseId: d.enterpriseId, amount: d.amount, status: d.status, postedAt: ms(d.createdAt) };
    return [{ kind: 'demand', fact }];
  }),
  ...decideOn(MATCH_EVENTS, ({ match }, event, held) => matchFacts(match, event, held)),
};
