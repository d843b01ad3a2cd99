import type { Principal } from '@yinqi/auth';
import {
  listingCoachAssigned,
  listingRewardPaid,
  listingStageSet,
  type ListingCandidateSnapshot,
  type ListingStage,
} from '@yinqi/contracts';
import { conflict, forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { COLLECTIONS, type CandidateRecord } from '../data/models';
import type { CapitalRepository } from '../data/repository';
import { transition, type Stored } from './aggregate';
import type { EnterpriseDirectory, EnterpriseView } from './enterprises';
import { checkRewardPayable, checkStageMove, rewardsDue, type RewardTable } from './listing';

const SOURCE = 'capital';
type Candidate = Stored<CandidateRecord>;

export interface CandidateDto {
  enterpriseId: string;
  /** Our copy of the enterprise (the gateway prefers the enterprise service's when the caller may read it). */
  enterprise: EnterpriseView | null;
  stage: ListingStage;
  coach: string | null;
  history: { stage: ListingStage; at: string; note: string | null; setBy: string }[];
  rewardsDue: { stage: ListingStage; amount: number }[];
  rewardsPaid: { stage: ListingStage; amount: number; paidAt: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface ListingDeps {
  repo: CapitalRepository;
  enterprises: EnterpriseDirectory;
  rewards: RewardTable;
  published: () => void;
  now?: () => Date;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function listingUseCases({ repo, enterprises, rewards, published, now = () => new Date() }: ListingDeps) {
  const paidStages = (c: Pick<Candidate, 'rewardsPaid'>) => c.rewardsPaid.map((r) => r.stage);

  function snapshot(c: Candidate): ListingCandidateSnapshot {
    return {
      enterpriseId: c._id,
      stage: c.stage,
      coach: c.coach,
      history: c.history.map((h) => ({ stage: h.stage, at: iso(h.at), by: h.by, note: h.note })),
      rewardsDue: rewardsDue(c.stage, paidStages(c), rewards),
      rewardsPaid: c.rewardsPaid.map((r) => ({ stage: r.stage, amount: r.amount, paidAt: iso(r.paidAt), paidBy: r.paidBy })),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    };
  }

  function toDto(c: Candidate, enterprise: EnterpriseView | null): CandidateDto {
    return {
      enterpriseId: c._id,
      enterprise,
      stage: c.stage,
      coach: c.coach,
      history: c.history.map((h) => ({ stage: h.stage, at: iso(h.at), note: h.note, setBy: h.by })),
      rewardsDue: rewardsDue(c.stage, paidStages(c), rewards),
      rewardsPaid: c.rewardsPaid.map((r) => ({ stage: r.stage, amount: r.amount, paidAt: iso(r.paidAt) })),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    };
  }

  async function dtoOf(c: Candidate, p: Principal): Promise<CandidateDto> {
    const views = await enterprises.views([c._id], p);
    return toDto(c, views.get(c._id) ?? null);
  }

  const requireFinanceCentre = (p: Principal) => {
    if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre manages the listing pipeline');
  };

  /** A candidate's transition under its document lock (see aggregate.ts). */
  const change = (id: string, decide: Parameters<typeof transition<CandidateRecord>>[4]) =>
    transition(repo.candidates, COLLECTIONS.candidates, id, 'Listing candidate', decide, now);

  return {
    /**
     * 上市后备 → 新三板 → 北交所: enters the enterprise into the pipeline at any stage, or moves it
     * forward (skipping allowed); the same stage or an earlier one is CONFLICT and writes nothing.
     */
    async setStage(p: Principal, enterpriseId: string, stage: ListingStage, note: string | null): Promise<CandidateDto> {
      requireFinanceCentre(p);
      await enterprises.require(enterpriseId);
      const at = now();
      const entry = { stage, at, by: p.userId, note };
      const existing = await repo.candidates.find(enterpriseId);
      if (!existing) {
        const record: CandidateRecord = {
          _id: enterpriseId,
          stage,
          coach: null,
          history: [entry],
          rewardsPaid: [],
          createdAt: at,
          updatedAt: at,
          version: 1,
          outbox: [],
        };
        record.outbox = [
          newEvent(listingStageSet, {
            key: enterpriseId,
            version: 1,
            source: SOURCE,
            occurredAt: at,
            data: { candidate: snapshot(record), enterpriseId, stage, previousStage: null, at: iso(at), by: p.userId, note },
          }),
        ];
        if (await repo.candidates.insert(record)) {
          published();
          return dtoOf(record, p);
        }
        // Someone entered it at the same moment: decide against theirs.
      }
      const c = await change(enterpriseId, (cur) => {
        const refused = checkStageMove(cur.stage, stage);
        if (refused) return refused;
        return {
          set: { stage, history: [...cur.history, entry] },
          event: (next) =>
            newEvent(listingStageSet, {
              key: enterpriseId,
              version: next.version,
              source: SOURCE,
              occurredAt: at,
              data: { candidate: snapshot(next), enterpriseId, stage, previousStage: cur.stage, at: iso(at), by: p.userId, note },
            }),
        };
      });
      published();
      return dtoOf(c, p);
    },

    /** 一对一上市辅导: the candidate must be in the pipeline (CONFLICT otherwise); a new coach replaces the old. */
    async assignCoach(p: Principal, enterpriseId: string, coach: string): Promise<CandidateDto> {
      requireFinanceCentre(p);
      await enterprises.require(enterpriseId);
      if (!(await repo.candidates.find(enterpriseId)))
        throw conflict('The enterprise is not in the listing pipeline yet; set its stage first');
      const at = now();
      const c = await change(enterpriseId, (cur) =>
        cur.coach === coach
          ? null
          : {
              set: { coach },
              event: (next) =>
                newEvent(listingCoachAssigned, {
                  key: enterpriseId,
                  version: next.version,
                  source: SOURCE,
                  occurredAt: at,
                  data: { candidate: snapshot(next), enterpriseId, coach, at: iso(at), by: p.userId },
                }),
            },
      );
      published();
      return dtoOf(c, p);
    },

    /** Item 32: marks a reached stage's reward paid, at the configured amount; CONFLICT if not reached, none configured, or already paid. */
    async markRewardPaid(p: Principal, enterpriseId: string, stage: ListingStage): Promise<CandidateDto> {
      requireFinanceCentre(p);
      await enterprises.require(enterpriseId);
      if (!(await repo.candidates.find(enterpriseId))) throw conflict('The enterprise is not in the listing pipeline, so no reward is due');
      const at = now();
      const c = await change(enterpriseId, (cur) => {
        const refused = checkRewardPayable(cur.stage, stage, paidStages(cur), rewards);
        if (refused) return refused;
        const amount = rewards[stage];
        return {
          set: { rewardsPaid: [...cur.rewardsPaid, { stage, amount, paidAt: at, paidBy: p.userId }] },
          event: (next) =>
            newEvent(listingRewardPaid, {
              key: enterpriseId,
              version: next.version,
              source: SOURCE,
              occurredAt: at,
              data: { candidate: snapshot(next), enterpriseId, stage, amount, at: iso(at), by: p.userId },
            }),
        };
      });
      published();
      return dtoOf(c, p);
    },

    /** The pipeline board: FINANCE_CENTER and FUND_OFFICER (deal flow for funds); newest entries first. */
    async pipeline(p: Principal, stage: ListingStage | undefined, page: { first?: unknown; after?: unknown }) {
      if (p.role !== 'FINANCE_CENTER' && p.role !== 'FUND_OFFICER')
        throw forbidden('Only the finance centre and fund officers see the listing pipeline');
      const res = await repo.candidates.page(stage ? { stage } : {}, page, (c) => c);
      const views = await enterprises.views(
        res.edges.map((e) => e.node._id),
        p,
      );
      return { ...res, edges: res.edges.map((e) => ({ cursor: e.cursor, node: toDto(e.node, views.get(e.node._id) ?? null) })) };
    },

    /** The current stage of an enterprise (null outside the pipeline), for equity matching. */
    stageOf: async (enterpriseId: string) => (await repo.candidates.find(enterpriseId))?.stage ?? null,
  };
}
export type ListingUseCases = ReturnType<typeof listingUseCases>;
