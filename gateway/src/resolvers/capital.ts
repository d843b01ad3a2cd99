import { notFound } from '@yinqi/errors';
import type {
  CapitalEnterpriseDto,
  EquityRoundDto,
  FundMandateDto,
  FundMatchDto,
  ListingCandidateDto,
  RoadshowDto,
} from '../clients/capital-client';
import type { EnterpriseDto, PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';

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
    listingPipeline: (_: unknown, args: PageArgs & { stage?: string | null }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER', 'FUND_OFFICER');
      return ctx.clients.capital.pipeline(ctx.requireToken(), args);
    },
    bondReserve: (_: unknown, args: PageArgs, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER', 'BANK_OFFICER', 'GUARANTOR_OFFICER');
      return ctx.clients.capital.bondReserve(ctx.requireToken(), args);
    },
    fundMatches: (_: unknown, args: PageArgs, ctx: GatewayContext) => {
      ctx.requireRole('FUND_OFFICER');
      return ctx.clients.capital.fundMatches(ctx.requireToken(), args);
    },
    myFundMandates: (_: unknown, __: unknown, ctx: GatewayContext) => {
      ctx.requireRole('FUND_OFFICER');
      return ctx.clients.capital.myMandates(ctx.requireToken());
    },
    myEquityRounds: (_: unknown, __: unknown, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.capital.myRounds(ctx.requireToken());
    },
    roadshows: (_: unknown, args: PageArgs & { upcoming?: boolean | null }, ctx: GatewayContext) =>
      ctx.clients.capital.roadshows(ctx.requireToken(), args),
  },
  Mutation: {
    setListingStage: (_: unknown, args: { enterpriseId: string; stage: string; note?: string | null }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.capital.setStage(ctx.requireToken(), args.enterpriseId, { stage: args.stage, note: args.note ?? null });
    },
    assignListingCoach: (_: unknown, args: { enterpriseId: string; coach: string }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.capital.assignCoach(ctx.requireToken(), args.enterpriseId, args.coach);
    },
    markListingRewardPaid: (_: unknown, args: { enterpriseId: string; stage: string }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.capital.markRewardPaid(ctx.requireToken(), args.enterpriseId, args.stage);
    },
    addBondReserve: (_: unknown, args: { input: unknown }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.capital.addBondReserve(ctx.requireToken(), args.input);
    },
    postEquityRound: (_: unknown, args: { input: unknown }, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.capital.postRound(ctx.requireToken(), args.input);
    },
    closeEquityRound: (_: unknown, args: { roundId: string }, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.capital.closeRound(ctx.requireToken(), args.roundId);
    },
    publishFundMandate: (_: unknown, args: { input: unknown }, ctx: GatewayContext) => {
      ctx.requireRole('FUND_OFFICER');
      return ctx.clients.capital.publishMandate(ctx.requireToken(), args.input);
    },
    respondToFundMatch: (_: unknown, args: { matchId: string; interested: boolean; note?: string | null }, ctx: GatewayContext) => {
      ctx.requireRole('FUND_OFFICER');
      return ctx.clients.capital.respond(ctx.requireToken(), args.matchId, { interested: args.interested, note: args.note ?? null });
    },
    scheduleRoadshow: (_: unknown, args: { input: unknown }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.capital.scheduleRoadshow(ctx.requireToken(), args.input);
    },
    joinRoadshow: (_: unknown, args: { roadshowId: string; pitch: string }, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.capital.joinRoadshow(ctx.requireToken(), args.roadshowId, args.pitch);
    },
    recordRoadshowLead: (_: unknown, args: { roadshowId: string; enterpriseId: string; note: string }, ctx: GatewayContext) => {
      ctx.requireRole('BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER');
      return ctx.clients.capital.recordLead(ctx.requireToken(), args.roadshowId, { enterpriseId: args.enterpriseId, note: args.note });
    },
  },
};
