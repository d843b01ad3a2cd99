import type {
  BondReserveItemSnapshot,
  EquityRoundSnapshot,
  EventEnvelope,
  ListingCandidateSnapshot,
  RoadshowSnapshot,
} from '@yinqi/contracts';
import type { FactBase, FactChange, FactKind } from './facts';

const ms = (iso: string) => Date.parse(iso);

/**
 * Facts from the capital service's events (packages/contracts/src/capital-events.ts): listing
 * candidates, bond reserve items, equity rounds and roadshow leads. Same rule as every fact:
 * only an event whose version is higher than the stored one changes anything.
 */
export function capitalFacts(event: EventEnvelope, current: (kind: FactKind, id: string) => FactBase | undefined): FactChange[] {
  const v = event.version;
  const newer = (kind: FactKind, id: string) => (current(kind, id)?.v ?? 0) < v;
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'listing.stage-set':
    case 'listing.coach-assigned':
    case 'listing.reward-paid': {
      const c = data.candidate as ListingCandidateSnapshot;
      if (!newer('listing', c.enterpriseId)) return [];
      const last = [...c.history].reverse().find((h) => h.stage === c.stage);
      return [{ kind: 'listing', fact: { _id: c.enterpriseId, v, stage: c.stage, stageAt: ms(last?.at ?? c.updatedAt) } }];
    }
    case 'bond.reserve-added': {
      const item = data.item as BondReserveItemSnapshot;
      if (!newer('bond', item.itemId)) return [];
      return [{ kind: 'bond', fact: { _id: item.itemId, v, amount: item.amount, createdAt: ms(item.createdAt) } }];
    }
    case 'equity.round-posted':
    case 'equity.round-closed': {
      const r = data.round as EquityRoundSnapshot;
      if (!newer('equity', r.roundId)) return [];
      return [{ kind: 'equity', fact: { _id: r.roundId, v, status: r.status, createdAt: ms(r.createdAt) } }];
    }
    case 'roadshow.scheduled':
    case 'roadshow.joined':
    case 'roadshow.lead-recorded': {
      const r = data.roadshow as RoadshowSnapshot;
      if (!newer('roadshow', r.roadshowId)) return [];
      return [{ kind: 'roadshow', fact: { _id: r.roadshowId, v, leadsAt: r.leads.map((l) => ms(l.recordedAt)) } }];
    }
    default:
      return [];
  }
}
