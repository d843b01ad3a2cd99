import type { Principal } from '@yinqi/auth';
import type { CapitalEnterpriseDto, RoadshowDto, RoadshowSnapshot } from '@yinqi/contracts';
import { conflict } from '@yinqi/errors';
import { transition, type Decide } from './aggregate';
import type { CapitalDeps } from './deps';
import { iso } from './iso-dates';
import { COLLECTIONS, type Lead, type RoadshowRecord, type Stored } from './records';

/** What the roadshow use-cases share: the event snapshot, who sees which leads, the DTO and the write. */
type Roadshow = Stored<RoadshowRecord>;

export function roadshowSnapshot(r: Roadshow): RoadshowSnapshot {
  return {
    roadshowId: r._id,
    title: r.title,
    startsAt: iso(r.startsAt),
    industries: r.industries,
    capacity: r.capacity,
    participants: r.participants.map((x) => ({ enterpriseId: x.enterpriseId, pitch: x.pitch, joinedAt: iso(x.joinedAt) })),
    leads: r.leads.map((l) => ({
      institutionId: l.institutionId,
      enterpriseId: l.enterpriseId,
      note: l.note,
      recordedAt: iso(l.recordedAt),
      recordedBy: l.recordedBy,
    })),
    createdAt: iso(r.createdAt),
    createdBy: r.createdBy,
  };
}

/**
 * Leads are an institution's commercial interest: the finance centre sees all, an officer its own
 * institution's, an enterprise those on itself. Participants (the public line-up) are seen by all.
 */
export function visibleLeads(p: Principal, leads: Lead[]): Lead[] {
  if (p.role === 'FINANCE_CENTER') return leads;
  if (p.role === 'ENTERPRISE') return leads.filter((l) => l.enterpriseId === p.orgId);
  return leads.filter((l) => l.institutionId === p.orgId);
}

/** Whether one more enterprise may join (pure; the write re-checks it under the lock). */
export function checkJoin(r: Pick<Roadshow, 'capacity' | 'participants'>, enterpriseId: string) {
  if (r.participants.some((x) => x.enterpriseId === enterpriseId)) return conflict('The enterprise has already joined this roadshow');
  if (r.participants.length >= r.capacity) return conflict(`The roadshow is full (${r.capacity} participants)`);
  return null;
}

/** The roadshow as `p` may see it; `views` when the caller has fetched the enterprises already (a page). */
export async function roadshowDto(
  { enterprises }: Pick<CapitalDeps, 'enterprises'>,
  r: Roadshow,
  p: Principal,
  views?: Map<string, CapitalEnterpriseDto>,
): Promise<RoadshowDto> {
  const leads = visibleLeads(p, r.leads);
  const v = views ?? (await enterprises.views([...r.participants.map((x) => x.enterpriseId), ...leads.map((l) => l.enterpriseId)], p));
  return {
    id: r._id,
    title: r.title,
    startsAt: iso(r.startsAt),
    industries: r.industries,
    capacity: r.capacity,
    participants: r.participants.map((x) => ({
      enterpriseId: x.enterpriseId,
      enterprise: v.get(x.enterpriseId) ?? null,
      pitch: x.pitch,
      joinedAt: iso(x.joinedAt),
    })),
    leads: leads.map((l) => ({
      institutionId: l.institutionId,
      enterpriseId: l.enterpriseId,
      enterprise: v.get(l.enterpriseId) ?? null,
      note: l.note,
      recordedAt: iso(l.recordedAt),
    })),
    createdAt: iso(r.createdAt),
  };
}

/** A roadshow's transition under its document lock (see aggregate.ts). */
export const changeRoadshow = (deps: CapitalDeps, id: string, decide: Decide<RoadshowRecord>) =>
  transition(deps.repo.roadshows, COLLECTIONS.roadshows, id, 'Roadshow', decide, deps.now);
