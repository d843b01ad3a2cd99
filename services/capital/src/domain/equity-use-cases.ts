import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import {
  equityRoundClosed,
  equityRoundPosted,
  fundMandatePublished,
  fundMatchProposed,
  fundMatchResponded,
  fundMatchWithdrawn,
  type EquityRoundSnapshot,
  type EnterpriseSnapshot,
  type FundMandateSnapshot,
  type FundMatchSnapshot,
  type ListingStage,
  type MatchStatus,
} from '@yinqi/contracts';
import type { RuleResult } from '@yinqi/engine';
import { conflict, forbidden, notFound } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { z } from 'zod';
import { COLLECTIONS, type FundMatchRecord, type MandateRecord, type RoundRecord } from '../data/models';
import { fundMatchIdOf, type CapitalRepository } from '../data/repository';
import { transition, type Stored } from './aggregate';
import type { EnterpriseDirectory, EnterpriseView } from './enterprises';
import { checkFundEligibility, type Mandate } from './fund-rules';
import type { FundMatcher, RoundInfo } from './fund-matcher';
import type { equityRoundSchema, fundMandateSchema } from './schemas';

const SOURCE = 'capital';
type Round = Stored<RoundRecord>;
type MandateRow = Stored<MandateRecord>;
type FundMatch = Stored<FundMatchRecord>;
const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

export interface RoundDto {
  id: string;
  enterpriseId: string;
  enterprise: EnterpriseView | null;
  amount: number;
  preMoneyValuation: number;
  useOfFunds: string;
  status: RoundRecord['status'];
  createdAt: string;
  closedAt: string | null;
  /** Present when the list was asked for with its matches (myEquityRounds); the gateway fetches them otherwise. */
  matches?: FundMatchDto[];
}
export interface MandateDto {
  id: string;
  fundId: string;
  name: string;
  minTicket: number;
  maxTicket: number;
  eligibleTiers: string[];
  industries: string[];
  stages: ListingStage[];
  createdAt: string;
}
export interface FundMatchDto {
  id: string;
  roundId: string;
  round: RoundDto | null;
  mandateId: string;
  mandate: MandateDto | null;
  fundId: string;
  enterpriseId: string;
  score: number;
  reasons: RuleResult[];
  status: MatchStatus;
  note: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export const roundSnapshot = (r: Round): EquityRoundSnapshot => ({
  roundId: r._id,
  enterpriseId: r.enterpriseId,
  amount: r.amount,
  preMoneyValuation: r.preMoneyValuation,
  useOfFunds: r.useOfFunds,
  status: r.status,
  createdAt: iso(r.createdAt),
  closedAt: isoOrNull(r.closedAt),
});
export const mandateSnapshot = (m: MandateRow): FundMandateSnapshot => ({
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
const matchSnapshot = (m: FundMatch): FundMatchSnapshot => ({
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
const asMandate = (m: FundMandateSnapshot | MandateRow): Mandate => ({
  mandateId: 'mandateId' in m ? m.mandateId : m._id,
  fundId: m.fundId,
  minTicket: m.minTicket,
  maxTicket: m.maxTicket,
  eligibleTiers: m.eligibleTiers,
  industries: m.industries,
  stages: m.stages,
});

export interface EquityDeps {
  repo: CapitalRepository;
  enterprises: EnterpriseDirectory;
  matcher: FundMatcher;
  logger: Logger;
  published: () => void;
  now?: () => Date;
}

/**
 * Equity rounds (股权融资) matched to fund mandates (政府引导基金, venture funds). Matching runs in
 * this service's consumer, from its own events (round posted/closed, mandate published, listing
 * stage set) and the enterprise events (tier, industry): the outbox guarantees the event, and the
 * match id derived from (round, mandate) makes exactly one match per pair whatever the order or
 * re-delivery. Mirroring loans: a PROPOSED match that stops being eligible is WITHDRAWN (with the
 * failed rules as its reason) and comes back to PROPOSED if it becomes eligible again; once the
 * fund has answered (INTERESTED or DECLINED) the match stays as answered.
 */
export function equityUseCases({ repo, enterprises, matcher, logger, published, now = () => new Date() }: EquityDeps) {
  const mandateDto = (m: MandateRow): MandateDto => ({
    id: m._id,
    fundId: m.fundId,
    name: m.name,
    minTicket: m.minTicket,
    maxTicket: m.maxTicket,
    eligibleTiers: m.eligibleTiers,
    industries: m.industries,
    stages: m.stages,
    createdAt: iso(m.createdAt),
  });
  const roundDto = (r: Round, e: EnterpriseView | null): RoundDto => ({
    id: r._id,
    enterpriseId: r.enterpriseId,
    enterprise: e,
    amount: r.amount,
    preMoneyValuation: r.preMoneyValuation,
    useOfFunds: r.useOfFunds,
    status: r.status,
    createdAt: iso(r.createdAt),
    closedAt: isoOrNull(r.closedAt),
  });

  /** Match DTOs with their round and mandate, three queries whatever the number. */
  async function matchDtos(ms: FundMatch[], p: Principal): Promise<FundMatchDto[]> {
    const [rounds, mandates, views] = await Promise.all([
      repo.rounds.findIn(
        '_id',
        ms.map((m) => m.roundId),
      ),
      repo.mandates.findIn(
        '_id',
        ms.map((m) => m.mandateId),
      ),
      enterprises.views(
        ms.map((m) => m.enterpriseId),
        p,
      ),
    ]);
    const r = new Map(rounds.map((x) => [x._id, x]));
    const md = new Map(mandates.map((x) => [x._id, x]));
    return ms.map((m) => ({
      id: m._id,
      roundId: m.roundId,
      round: r.has(m.roundId) ? roundDto(r.get(m.roundId)!, views.get(m.enterpriseId) ?? null) : null,
      mandateId: m.mandateId,
      mandate: md.has(m.mandateId) ? mandateDto(md.get(m.mandateId)!) : null,
      fundId: m.fundId,
      enterpriseId: m.enterpriseId,
      score: m.score,
      reasons: m.reasons,
      status: m.status,
      note: m.note,
      createdAt: iso(m.createdAt),
      respondedAt: isoOrNull(m.respondedAt),
    }));
  }

  /** Matches of a round as `p` may see them: the enterprise and the finance centre all, a fund officer its fund's. */
  function visibleMatches(p: Principal, ms: FundMatch[]): FundMatch[] {
    if (p.role === 'FINANCE_CENTER' || p.role === 'ENTERPRISE') return ms;
    if (p.role === 'FUND_OFFICER') return ms.filter((m) => m.fundId === p.orgId);
    return [];
  }
  const byScore = (a: FundMatch, b: FundMatch) => b.score - a.score || a._id.localeCompare(b._id);

  const changeMatch = (id: string, decide: Parameters<typeof transition<FundMatchRecord>>[4]) =>
    transition(repo.matches, COLLECTIONS.matches, id, 'Fund match', decide, now);

  function newMatch(round: RoundInfo, mandate: Mandate, score: number, reasons: RuleResult[]): FundMatchRecord {
    const id = fundMatchIdOf(round.roundId, mandate.mandateId);
    const at = now();
    const record: FundMatchRecord = {
      _id: id,
      roundId: round.roundId,
      enterpriseId: round.enterpriseId,
      mandateId: mandate.mandateId,
      fundId: mandate.fundId,
      amount: round.amount,
      score,
      reasons,
      status: 'PROPOSED',
      note: null,
      respondedAt: null,
      respondedBy: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
      outbox: [],
    };
    record.outbox = [
      newEvent(fundMatchProposed, { key: id, version: 1, source: SOURCE, occurredAt: at, data: { match: matchSnapshot(record) } }),
    ];
    return record;
  }

  async function propose(
    round: RoundInfo,
    mandate: Mandate,
    score: number,
    reasons: RuleResult[],
    existing: FundMatch | undefined,
  ): Promise<void> {
    if (!existing) {
      if (await repo.matches.insert(newMatch(round, mandate, score, reasons))) published();
      return;
    }
    if (existing.status === 'WITHDRAWN') {
      await changeMatch(existing._id, (m) =>
        m.status === 'WITHDRAWN'
          ? {
              set: { status: 'PROPOSED', score, reasons },
              event: (next) =>
                newEvent(fundMatchProposed, { key: m._id, version: next.version, source: SOURCE, data: { match: matchSnapshot(next) } }),
            }
          : null,
      );
      published();
    }
  }

  async function withdraw(id: string, why: string): Promise<void> {
    await changeMatch(id, (m) =>
      m.status === 'PROPOSED'
        ? {
            set: { status: 'WITHDRAWN' },
            event: (next) =>
              newEvent(fundMatchWithdrawn, {
                key: m._id,
                version: next.version,
                source: SOURCE,
                data: { match: matchSnapshot(next), reason: why },
              }),
          }
        : null,
    );
    published();
  }

  /** Brings one round's matches in line with the mandates, its enterprise and its status. */
  async function reconcileRound(roundId: string): Promise<void> {
    const round = matcher.round(roundId);
    if (!round) return;
    const existing = new Map((await repo.matches.findMany({ roundId })).map((m) => [m.mandateId, m]));
    if (round.status !== 'OPEN') {
      for (const m of existing.values()) if (m.status === 'PROPOSED') await withdraw(m._id, '融资轮次已关闭');
      return;
    }
    const pitch = matcher.pitch(round);
    if (!pitch) return; // the enterprise's events have not arrived: matched when they do
    const candidates = matcher.candidatesFor(pitch);
    const eligible = new Set(candidates.map((c) => c.mandate.mandateId));
    for (const c of candidates) await propose(round, c.mandate, c.score, c.reasons, existing.get(c.mandate.mandateId));
    for (const m of existing.values()) {
      if (eligible.has(m.mandateId) || m.status !== 'PROPOSED') continue;
      const mandate = matcher.mandate(m.mandateId);
      const failed = mandate ? checkFundEligibility(pitch, mandate).reasons.filter((r) => !r.passed) : [];
      await withdraw(m._id, failed.length ? failed.map((r) => `${r.rule}: ${r.detail}`).join('；') : '基金投资方向已变更');
    }
  }

  return {
    /** The matcher's memory, rebuilt from this service's own collections. */
    async load(): Promise<void> {
      for (const e of await repo.allEnterprises()) matcher.putEnterprise(e.enterpriseId, e);
      for (const c of await repo.candidates.all()) matcher.putStage(c._id, c.stage, c.version);
      for (const m of await repo.mandates.all()) matcher.putMandate(asMandate(m));
      for (const r of await repo.rounds.findMany({ status: 'OPEN' }))
        matcher.putRound({ roundId: r._id, enterpriseId: r.enterpriseId, amount: r.amount, status: r.status }, r.version);
      logger.info({ mandates: matcher.mandateCount, openRounds: matcher.openRoundCount }, 'fund matcher loaded');
    },

    // --- consumers -------------------------------------------------------------------------
    /** enterprise.* : keeps our copy; a tier or industry change re-evaluates the enterprise's open rounds. */
    async onEnterprise(e: EnterpriseSnapshot & { uscc?: string }, version: number): Promise<void> {
      // Not newer than our copy (a redelivery): apply nothing, but reconcile again from the stored
      // copy the matcher holds — the first delivery may have died after saving the copy and before
      // the rounds were reconciled, leaving them without their fund matches for good (the same
      // shape `npm run chaos` found in the matching service). Reconciling is idempotent.
      if (await enterprises.save(e, version)) matcher.putEnterprise(e.enterpriseId, e);
      for (const r of matcher.openRoundsOf(e.enterpriseId)) await reconcileRound(r.roundId);
    },
    /** listing.stage-set: the listing stage is a mandate criterion. */
    async onStage(enterpriseId: string, stage: ListingStage, version: number): Promise<void> {
      if (!matcher.putStage(enterpriseId, stage, version)) return;
      for (const r of matcher.openRoundsOf(enterpriseId)) await reconcileRound(r.roundId);
    },
    /** equity.round-posted / round-closed. */
    async onRound(r: EquityRoundSnapshot, version: number): Promise<void> {
      if (!matcher.putRound({ roundId: r.roundId, enterpriseId: r.enterpriseId, amount: r.amount, status: r.status }, version)) return;
      await reconcileRound(r.roundId);
    },
    /** fund.mandate-published: matched against every open round. Mandates do not change once published. */
    async onMandate(m: FundMandateSnapshot): Promise<void> {
      const mandate = asMandate(m);
      matcher.putMandate(mandate);
      for (const f of matcher.pitchesFor(mandate)) {
        const existing = await repo.matches.find(fundMatchIdOf(f.pitch.round.roundId, mandate.mandateId));
        await propose(f.pitch.round, mandate, f.score, f.reasons, existing ?? undefined);
      }
    },

    // --- commands and queries ----------------------------------------------------------------
    async postRound(p: Principal, input: z.infer<typeof equityRoundSchema>): Promise<RoundDto> {
      if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only enterprises post equity rounds');
      await enterprises.require(p.orgId);
      const at = now();
      const record: RoundRecord = {
        _id: randomUUID(),
        enterpriseId: p.orgId,
        ...input,
        status: 'OPEN',
        closedAt: null,
        createdBy: p.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
        outbox: [],
      };
      record.outbox = [
        newEvent(equityRoundPosted, {
          key: record._id,
          version: 1,
          source: SOURCE,
          occurredAt: at,
          data: { round: roundSnapshot(record) },
        }),
      ];
      await repo.rounds.insert(record);
      published();
      const views = await enterprises.views([p.orgId], p);
      return { ...roundDto(record, views.get(p.orgId) ?? null), matches: [] };
    },

    /** The owning enterprise closes its round; its unanswered matches are withdrawn. Closing a closed round changes nothing. */
    async closeRound(p: Principal, roundId: string): Promise<RoundDto> {
      const r0 = await repo.rounds.find(roundId);
      if (!r0) throw notFound('Equity round');
      if (p.role !== 'ENTERPRISE' || r0.enterpriseId !== p.orgId) throw forbidden('Only the enterprise that posted the round closes it');
      const at = now();
      const r = await transition(
        repo.rounds,
        COLLECTIONS.rounds,
        roundId,
        'Equity round',
        (cur) =>
          cur.status === 'CLOSED'
            ? null
            : {
                set: { status: 'CLOSED' as const, closedAt: at },
                event: (next) =>
                  newEvent(equityRoundClosed, {
                    key: roundId,
                    version: next.version,
                    source: SOURCE,
                    occurredAt: at,
                    data: { round: roundSnapshot(next) },
                  }),
              },
        now,
      );
      published();
      const [views, ms] = await Promise.all([enterprises.views([r.enterpriseId], p), repo.matches.findMany({ roundId })]);
      return { ...roundDto(r, views.get(r.enterpriseId) ?? null), matches: await matchDtos(ms.sort(byScore), p) };
    },

    /** The enterprise's rounds, newest first, each with its matches (best score first). */
    async myRounds(p: Principal): Promise<RoundDto[]> {
      if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only enterprises have equity rounds');
      const rounds = (await repo.rounds.findMany({ enterpriseId: p.orgId })).sort(
        (a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime(),
      );
      const ms = await repo.matches.findIn(
        'roundId',
        rounds.map((r) => r._id),
      );
      const dtos = await matchDtos(ms.sort(byScore), p);
      const views = await enterprises.views([p.orgId], p);
      return rounds.map((r) => ({ ...roundDto(r, views.get(r.enterpriseId) ?? null), matches: dtos.filter((d) => d.roundId === r._id) }));
    },

    /** Matches of one round as the caller may see them (for EquityRound.matches reached from a match). */
    async roundMatches(p: Principal, roundId: string): Promise<FundMatchDto[]> {
      const r = await repo.rounds.find(roundId);
      if (!r) throw notFound('Equity round');
      if (p.role === 'ENTERPRISE' && r.enterpriseId !== p.orgId) return [];
      return matchDtos(visibleMatches(p, await repo.matches.findMany({ roundId })).sort(byScore), p);
    },

    async publishMandate(p: Principal, input: z.infer<typeof fundMandateSchema>): Promise<MandateDto> {
      if (p.role !== 'FUND_OFFICER' || !p.orgId) throw forbidden('Only fund officers publish mandates');
      const at = now();
      const record: MandateRecord = {
        _id: randomUUID(),
        fundId: p.orgId,
        ...input,
        createdBy: p.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
        outbox: [],
      };
      record.outbox = [
        newEvent(fundMandatePublished, {
          key: record._id,
          version: 1,
          source: SOURCE,
          occurredAt: at,
          data: { mandate: mandateSnapshot(record) },
        }),
      ];
      await repo.mandates.insert(record);
      published();
      return mandateDto(record);
    },

    async myMandates(p: Principal): Promise<MandateDto[]> {
      if (p.role !== 'FUND_OFFICER' || !p.orgId) throw forbidden('Only fund officers have mandates');
      const ms = await repo.mandates.findMany({ fundId: p.orgId });
      return ms.sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime()).map(mandateDto);
    },

    /** FUND_OFFICER: its fund's matches, newest first. */
    async fundMatches(p: Principal, page: { first?: unknown; after?: unknown }) {
      if (p.role !== 'FUND_OFFICER' || !p.orgId) throw forbidden('Only fund officers have a fund match inbox');
      const res = await repo.matches.page({ fundId: p.orgId }, page, (m) => m);
      const dtos = await matchDtos(
        res.edges.map((e) => e.node),
        p,
      );
      return { ...res, edges: res.edges.map((e, i) => ({ cursor: e.cursor, node: dtos[i]! })) };
    },

    /** The fund answers: INTERESTED or DECLINED. Another fund's officer is FORBIDDEN; answering again the same way changes nothing. */
    async respond(p: Principal, matchId: string, interested: boolean, note: string | null): Promise<FundMatchDto> {
      const target: MatchStatus = interested ? 'INTERESTED' : 'DECLINED';
      const at = now();
      const m = await changeMatch(matchId, (cur) => {
        if (p.role !== 'FUND_OFFICER' || cur.fundId !== p.orgId) return forbidden("Only an officer of the match's fund responds");
        if (cur.status === target) return null;
        if (cur.status !== 'PROPOSED') return conflict(`The match is ${cur.status}; only a PROPOSED match can be answered`);
        return {
          set: { status: target, note, respondedAt: at, respondedBy: p.userId },
          event: (next) =>
            newEvent(fundMatchResponded, {
              key: matchId,
              version: next.version,
              source: SOURCE,
              occurredAt: at,
              data: { match: matchSnapshot(next) },
            }),
        };
      });
      published();
      return (await matchDtos([m], p))[0]!;
    },
  };
}
export type EquityUseCases = ReturnType<typeof equityUseCases>;
