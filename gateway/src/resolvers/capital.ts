import { notFound } from '@yinqi/errors';
import type {
  CapitalEnterpriseDto,
  EquityRoundDto,
  FundMandateDto,
  FundMatchDto,
  ListingCandidateDto,
  RoadshowDto,
} from '@yinqi/contracts';
import type { EnterpriseDto, PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

/**
 * The enterprise as the enterprise service shows it to this caller, else the capital service's
 * copy: funds, banks and guarantors see candidates, rounds and participants they have no loan
 * match with, which the enterprise service (rightly) does not show them.
 */
async function enterpriseOf(ctx: GatewayContext, id: string, copy: CapitalEnterpriseDto | null): Promise<EnterpriseDto> {
  const fresh = await ctx.loaders.enterprise.load(id).catch(() => null);
  const e = fresh ?? copy;
  if (!e) throw notFound('Enterprise');
  return e;
}

async function institutionOf(ctx: GatewayContext, id: string, what: string) {
  const i = await ctx.loaders.institution.load(id);
  if (!i) throw notFound(what);
  return i;
}

type Participant = RoadshowDto['participants'][number];
type Lead = RoadshowDto['leads'][number];

/** Thin calls to the capital service, which validates and authorises every one. */
export const capitalResolvers = {
  ListingCandidate: {
    enterprise: (c: ListingCandidateDto, _: unknown, ctx: GatewayContext) => enterpriseOf(ctx, c.enterpriseId, c.enterprise),
  },
  BondReserveItem: {
    enterprise: (b: { enterpriseId: string; enterprise: CapitalEnterpriseDto | null }, _: unknown, ctx: GatewayContext) =>
      enterpriseOf(ctx, b.enterpriseId, b.enterprise),
  },
  FundMandate: {
    fund: (m: FundMandateDto, _: unknown, ctx: GatewayContext) => institutionOf(ctx, m.fundId, 'Fund'),
  },
  EquityRound: {
    enterprise: (r: EquityRoundDto, _: unknown, ctx: GatewayContext) => enterpriseOf(ctx, r.enterpriseId, r.enterprise),
    matches: (r: EquityRoundDto, _: unknown, ctx: GatewayContext) =>
      r.matches ?? ctx.clients.capital.roundMatches(ctx.requireToken(), r.id),
  },
  FundMatch: {
    round: (m: FundMatchDto) => {
      if (!m.round) throw notFound('Equity round');
      return m.round;
    },
    mandate: (m: FundMatchDto) => {
      if (!m.mandate) throw notFound('Fund mandate');
      return m.mandate;
    },
    fund: (m: FundMatchDto, _: unknown, ctx: GatewayContext) => institutionOf(ctx, m.fundId, 'Fund'),
  },
  RoadshowParticipant: {
    enterprise: (p: Participant, _: unknown, ctx: GatewayContext) => enterpriseOf(ctx, p.enterpriseId, p.enterprise),
  },
  RoadshowLead: {
    institution: (l: Lead, _: unknown, ctx: GatewayContext) => institutionOf(ctx, l.institutionId, 'Institution'),
    enterprise: (l: Lead, _: unknown, ctx: GatewayContext) => enterpriseOf(ctx, l.enterpriseId, l.enterprise),
    at: (l: Lead) => l.recordedAt,
  },
  Query: {
    listingPipeline: forRole(['FINANCE_CENTER', 'FUND_OFFICER'], (clients, token, args: PageArgs & { stage?: string | null }) =>
      clients.capital.pipeline(token, args),
    ),
    bondReserve: forRole(['FINANCE_CENTER', 'BANK_OFFICER', 'GUARANTOR_OFFICER'], (clients, token, args: PageArgs) =>
      clients.capital.bondReserve(token, args),
    ),
    fundMatches: forRole(['FUND_OFFICER'], (clients, token, args: PageArgs) => clients.capital.fundMatches(token, args)),
    myFundMandates: forRole(['FUND_OFFICER'], (clients, token) => clients.capital.myMandates(token)),
    myEquityRounds: forRole(['ENTERPRISE'], (clients, token) => clients.capital.myRounds(token)),
    roadshows: (_: unknown, args: PageArgs & { upcoming?: boolean | null }, ctx: GatewayContext) =>
      ctx.clients.capital.roadshows(ctx.requireToken(), args),
  },
  Mutation: {
    setListingStage: forRole(['FINANCE_CENTER'], (clients, token, args: { enterpriseId: string; stage: string; note?: string | null }) =>
      clients.capital.setStage(token, args.enterpriseId, { stage: args.stage, note: args.note ?? null }),
    ),
    assignListingCoach: forRole(['FINANCE_CENTER'], (clients, token, args: { enterpriseId: string; coach: string }) =>
      clients.capital.assignCoach(token, args.enterpriseId, args.coach),
    ),
    markListingRewardPaid: forRole(['FINANCE_CENTER'], (clients, token, args: { enterpriseId: string; stage: string }) =>
      clients.capital.markRewardPaid(token, args.enterpriseId, args.stage),
    ),
    addBondReserve: forRole(['FINANCE_CENTER'], (clients, token, args: { input: unknown }) =>
      clients.capital.addBondReserve(token, args.input),
    ),
    postEquityRound: forRole(['ENTERPRISE'], (clients, token, args: { input: unknown }) => clients.capital.postRound(token, args.input)),
    closeEquityRound: forRole(['ENTERPRISE'], (clients, token, args: { roundId: string }) =>
      clients.capital.closeRound(token, args.roundId),
    ),
    publishFundMandate: forRole(['FUND_OFFICER'], (clients, token, args: { input: unknown }) =>
      clients.capital.publishMandate(token, args.input),
    ),
    respondToFundMatch: forRole(['FUND_OFFICER'], (clients, token, args: { matchId: string; interested: boolean; note?: string | null }) =>
      clients.capital.respond(token, args.matchId, { interested: args.interested, note: args.note ?? null }),
    ),
    scheduleRoadshow: forRole(['FINANCE_CENTER'], (clients, token, args: { input: unknown }) =>
      clients.capital.scheduleRoadshow(token, args.input),
    ),
    joinRoadshow: forRole(['ENTERPRISE'], (clients, token, args: { roadshowId: string; pitch: string }) =>
      clients.capital.joinRoadshow(token, args.roadshowId, args.pitch),
    ),
    recordRoadshowLead: forRole(
      ['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER'],
      (clients, token, args: { roadshowId: string; enterpriseId: string; note: string }) =>
        clients.capital.recordLead(token, args.roadshowId, { enterpriseId: args.enterpriseId, note: args.note }),
    ),
  },
};
