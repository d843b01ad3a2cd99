import { Router } from 'express';
import { parseInput, principalOf, route, scopedPrincipalOf } from '@yinqi/http';
import type { BondUseCases } from '../domain/bond-use-cases';
import type { EquityUseCases } from '../domain/equity-use-cases';
import type { ListingUseCases } from '../domain/listing-use-cases';
import type { RoadshowUseCases } from '../domain/roadshow-use-cases';
import {
  bondReserveSchema,
  coachSchema,
  equityRoundSchema,
  fundMandateSchema,
  joinSchema,
  leadSchema,
  pageQuerySchema,
  pipelineQuerySchema,
  respondSchema,
  rewardPaidSchema,
  roadshowQuerySchema,
  roadshowSchema,
  setStageSchema,
} from '../domain/schemas';

export interface CapitalUseCases {
  listing: ListingUseCases;
  bonds: BondUseCases;
  equity: EquityUseCases;
  roadshows: RoadshowUseCases;
}

const id = (v: string | undefined) => v ?? '';

/** Internal REST API; only the gateway calls it, with the caller's token. Every use case authorises itself. */
export function capitalRoutes({ listing, bonds, equity, roadshows }: CapitalUseCases): Router {
  const r = Router();
  listingRoutes(r, listing);
  bondRoutes(r, bonds);
  equityRoutes(r, equity);
  roadshowRoutes(r, roadshows);
  return r;
}

function listingRoutes(r: Router, listing: ListingUseCases): void {
  r.get(
    '/listing/candidates',
    route(async (req) => {
      const q = parseInput(pipelineQuerySchema, req.query);
      return listing.pipeline(principalOf(req), q.stage, { first: q.first, after: q.after });
    }),
  );
  r.post(
    '/listing/candidates/:id/stage',
    route(async (req) => {
      const b = parseInput(setStageSchema, req.body);
      return listing.setStage(principalOf(req), id(req.params.id), b.stage, b.note);
    }),
  );
  r.post(
    '/listing/candidates/:id/coach',
    route(async (req) => listing.assignCoach(principalOf(req), id(req.params.id), parseInput(coachSchema, req.body).coach)),
  );
  r.post(
    '/listing/candidates/:id/rewards-paid',
    route(async (req) => listing.markRewardPaid(principalOf(req), id(req.params.id), parseInput(rewardPaidSchema, req.body).stage)),
  );
}

function bondRoutes(r: Router, bonds: BondUseCases): void {
  r.get(
    '/bond-reserve',
    route(async (req) => bonds.list(principalOf(req), parseInput(pageQuerySchema, req.query))),
  );
  r.post(
    '/bond-reserve',
    route(async (req) => bonds.add(principalOf(req), parseInput(bondReserveSchema, req.body))),
  );
}

function equityRoutes(r: Router, equity: EquityUseCases): void {
  r.post(
    '/equity-rounds',
    route(async (req) => equity.postRound(principalOf(req), parseInput(equityRoundSchema, req.body))),
  );
  r.get(
    '/equity-rounds/mine',
    route(async (req) => equity.myRounds(principalOf(req))),
  );
  r.get(
    '/equity-rounds/:id/matches',
    route(async (req) => equity.roundMatches(principalOf(req), id(req.params.id))),
  );
  r.post(
    '/equity-rounds/:id/close',
    route(async (req) => equity.closeRound(principalOf(req), id(req.params.id))),
  );
  r.post(
    '/fund-mandates',
    route(async (req) => equity.publishMandate(principalOf(req), parseInput(fundMandateSchema, req.body))),
  );
  r.get(
    '/fund-mandates/mine',
    route(async (req) => equity.myMandates(principalOf(req))),
  );
  r.get(
    '/fund-matches',
    route(async (req) => equity.fundMatches(principalOf(req), parseInput(pageQuerySchema, req.query))),
  );
  r.post(
    '/fund-matches/:id/respond',
    route(async (req) => {
      const b = parseInput(respondSchema, req.body);
      return equity.respond(scopedPrincipalOf(req, 'FUND_MATCHES_RESPOND'), id(req.params.id), b.interested, b.note);
    }),
  );
}

function roadshowRoutes(r: Router, roadshows: RoadshowUseCases): void {
  r.get(
    '/roadshows',
    route(async (req) => {
      const q = parseInput(roadshowQuerySchema, req.query);
      return roadshows.list(principalOf(req), q.upcoming === undefined ? undefined : q.upcoming === 'true', {
        first: q.first,
        after: q.after,
      });
    }),
  );
  r.post(
    '/roadshows',
    route(async (req) => roadshows.schedule(principalOf(req), parseInput(roadshowSchema, req.body))),
  );
  r.post(
    '/roadshows/:id/join',
    route(async (req) => roadshows.join(principalOf(req), id(req.params.id), parseInput(joinSchema, req.body).pitch)),
  );
  r.post(
    '/roadshows/:id/leads',
    route(async (req) => {
      const b = parseInput(leadSchema, req.body);
      return roadshows.recordLead(principalOf(req), id(req.params.id), b.enterpriseId, b.note);
    }),
  );
}
