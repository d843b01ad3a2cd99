import type { GraphQLResolveInfo } from 'graphql';
import { MATCH_EVENT_TYPES, type MatchSnapshot } from '@yinqi/contracts';
import type { Principal } from '@yinqi/auth';
import { notFound } from '@yinqi/errors';
import type { MatchDto, PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';
import type { MatchFeed, MatchFeedItem } from '../match-feed';
import { onlyIdSelected } from './selection';

/** A match as the subscription carries it: the event's snapshot; the rest loads on demand. */
type MatchParent = Pick<MatchDto, 'id' | 'demandId' | 'productId' | 'bankId' | 'score' | 'status' | 'createdAt'> & Partial<MatchDto>;

const mustLoad = async <T>(p: Promise<T | null>, what: string): Promise<T> => {
  const v = await p;
  if (!v) throw notFound(what);
  return v;
};

/** Who receives which match events (contract: matchEvents). */
export function mayReceive(p: Principal, m: MatchSnapshot): boolean {
  if (p.role === 'FINANCE_CENTER') return true;
  if (p.role === 'ENTERPRISE') return m.enterpriseId === p.orgId;
  if (p.role === 'BANK_OFFICER') return m.bankId === p.orgId;
  return false;
}

export function matchingResolvers(feed: MatchFeed) {
  return {
    Demand: {
      matches: (d: { id: string }, _: unknown, ctx: GatewayContext) => ctx.loaders.matchesByDemand.load(d.id),
    },
    Match: {
      // `match { demand { id } }` (a live feed telling its demands apart) needs no call to the
      // enterprise service: whoever may see the match may know its demand's id.
      demand: (m: MatchParent, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
        onlyIdSelected(info) ? { id: m.demandId } : mustLoad(ctx.loaders.demand.load(m.demandId), 'Demand'),
      product: (m: MatchParent, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
        onlyIdSelected(info) ? { id: m.productId } : mustLoad(ctx.loaders.product.load(m.productId), 'Product'),
      bank: (m: MatchParent, _: unknown, ctx: GatewayContext) => mustLoad(ctx.loaders.institution.load(m.bankId), 'Bank'),
      reasons: async (m: MatchParent, _: unknown, ctx: GatewayContext) => m.reasons ?? (await ctx.loaders.match.load(m.id))?.reasons ?? [],
      offer: async (m: MatchParent, _: unknown, ctx: GatewayContext) =>
        m.offer !== undefined ? m.offer : ((await ctx.loaders.match.load(m.id))?.offer ?? null),
    },
    Query: {
      bankMatches: forRole(
        ['BANK_OFFICER'],
        (clients, token, args: PageArgs & { status?: string | null; enterpriseName?: string | null }) =>
          clients.matching.bankMatches(token, args),
      ),
    },
    Mutation: {
      respondToMatch: forRole(['BANK_OFFICER'], (clients, token, args: { matchId: string; interested: boolean; reason?: string | null }) =>
        clients.matching.respond(token, args.matchId, { interested: args.interested, reason: args.reason ?? null }),
      ),
      makeOffer: forRole(['BANK_OFFICER'], (clients, token, args: { matchId: string; input: unknown }) =>
        clients.matching.offer(token, args.matchId, args.input),
      ),
      acceptOffer: forRole(['ENTERPRISE'], (clients, token, args: { matchId: string }) => clients.matching.accept(token, args.matchId)),
    },
    Subscription: { matchEvents: matchEventsSubscription(feed) },
  };
}

/** The live match feed: each subscriber sees the matches it may see, until its session ends. */
function matchEventsSubscription(feed: MatchFeed) {
  return {
    subscribe: (_: unknown, __: unknown, ctx: GatewayContext) => {
      const principal = ctx.principal();
      return feed.subscribe(
        (item) => mayReceive(principal, item.match),
        500,
        (close) => ctx.watchSession(close),
      );
    },
    resolve: (item: MatchFeedItem) => ({
      type: MATCH_EVENT_TYPES[item.type as keyof typeof MATCH_EVENT_TYPES],
      at: item.at,
      match: {
        id: item.match.matchId,
        demandId: item.match.demandId,
        productId: item.match.productId,
        bankId: item.match.bankId,
        score: item.match.score,
        status: item.match.status,
        createdAt: item.match.createdAt,
      },
    }),
  };
}
