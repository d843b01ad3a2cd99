import {
  bondReserveAdded,
  equityRoundClosed,
  equityRoundPosted,
  listingCoachAssigned,
  listingRewardPaid,
  listingStageSet,
  roadshowJoined,
  roadshowLeadRecorded,
  roadshowScheduled,
} from '@yinqi/contracts';
import { decideOn, ms, type Decide, type HeldFacts } from './decider';
import type { FactChange, FactKind } from './facts';

/**
 * Facts from the capital service's events (packages/contracts/src/capital-events.ts): listing
 * candidates, bond reserve items, equity rounds and roadshow leads. Same rule as every fact:
 * only an event whose version is higher than the stored one changes anything.
 */
const newer = (held: HeldFacts, kind: FactKind, id: string, v: number) => (held.get(kind, id)?.v ?? 0) < v;

export const CAPITAL_DECIDERS: Record<string, Decide> = {
  ...decideOn([listingStageSet, listingCoachAssigned, listingRewardPaid], ({ candidate: c }, { version: v }, held): FactChange[] => {
    if (!newer(held, 'listing', c.enterpriseId, v)) return [];
    const last = [...c.history].reverse().find((h) => h.stage === c.stage);
    const fact = {
      _id: c.enterpriseId,
      v,
      stage: c.stage,
      stageAt: ms(last?.at ?? c.updatedAt),
      coach: c.coach,
      enteredAt: ms(c.history[0]?.at ?? c.createdAt),
    };
    return [{ kind: 'listing', fact }];
  }),
  ...decideOn(bondReserveAdded, ({ item }, { version: v }, held): FactChange[] => {
    if (!newer(held, 'bond', item.itemId, v)) return [];
    const fact = {
      _id: item.itemId,
      v,
      amount: item.amount,
      createdAt: ms(item.createdAt),
      enterpriseId: item.enterpriseId,
      purpose: item.purpose,
      plannedQuarter: item.plannedQuarter,
    };
    return [{ kind: 'bond', fact }];
  }),
  ...decideOn([equityRoundPosted, equityRoundClosed], ({ round: r }, { version: v }, held): FactChange[] => {
    if (!newer(held, 'equity', r.roundId, v)) return [];
    return [{ kind: 'equity', fact: { _id: r.roundId, v, status: r.status, createdAt: ms(r.createdAt) } }];
  }),
  ...decideOn([roadshowScheduled, roadshowJoined, roadshowLeadRecorded], ({ roadshow: r }, { version: v }, held): FactChange[] => {
    if (!newer(held, 'roadshow', r.roadshowId, v)) return [];
    return [{ kind: 'roadshow', fact: { _id: r.roadshowId, v, leadsAt: r.leads.map((l) => ms(l.recordedAt)) } }];
  }),
};
