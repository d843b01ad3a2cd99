import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { roadshowJoined, roadshowLeadRecorded, roadshowScheduled, type RoadshowSnapshot } from '@yinqi/contracts';
import { badInput, conflict, forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { mongoose } from '@yinqi/db';
import type { z } from 'zod';
import { COLLECTIONS, type Lead, type RoadshowRecord } from '../data/models';
import type { CapitalRepository } from '../data/repository';
import { transition, type Stored } from './aggregate';
import type { EnterpriseDirectory, EnterpriseView } from './enterprises';
import type { roadshowSchema } from './schemas';

const SOURCE = 'capital';
type Roadshow = Stored<RoadshowRecord>;
const OFFICERS: Principal['role'][] = ['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER'];
const iso = (d: Date | string) => new Date(d).toISOString();

export interface RoadshowDto {
  id: string;
  title: string;
  startsAt: string;
  industries: string[];
  capacity: number;
  participants: { enterpriseId: string; enterprise: EnterpriseView | null; pitch: string; joinedAt: string }[];
  leads: { institutionId: string; enterpriseId: string; enterprise: EnterpriseView | null; note: string; recordedAt: string }[];
  createdAt: string;
}

export function roadshowSnapshotOf(r: Roadshow): RoadshowSnapshot {
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

/** 培训路演: the finance centre schedules, enterprises sign up to pitch, institutions record leads. */
export function roadshowUseCases({
  repo,
  enterprises,
  published,
  now = () => new Date(),
}: {
  repo: CapitalRepository;
  enterprises: EnterpriseDirectory;
  published: () => void;
  now?: () => Date;
}) {
  async function toDto(r: Roadshow, p: Principal, views?: Map<string, EnterpriseView>): Promise<RoadshowDto> {
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
  const change = (id: string, decide: Parameters<typeof transition<RoadshowRecord>>[4]) =>
    transition(repo.roadshows, COLLECTIONS.roadshows, id, 'Roadshow', decide, now);

  return {
    async schedule(p: Principal, input: z.infer<typeof roadshowSchema>): Promise<RoadshowDto> {
      if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre schedules roadshows');
      const at = now();
      const record: RoadshowRecord = {
        _id: randomUUID(),
        title: input.title,
        startsAt: new Date(input.startsAt),
        industries: input.industries,
        capacity: input.capacity,
        participants: [],
        leads: [],
        createdBy: p.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
        outbox: [],
      };
      record.outbox = [
        newEvent(roadshowScheduled, {
          key: record._id,
          version: 1,
          source: SOURCE,
          occurredAt: at,
          data: { roadshow: roadshowSnapshotOf(record) },
        }),
      ];
      await repo.roadshows.insert(record);
      published();
      return toDto(record, p, new Map());
    },

    /**
     * An enterprise signs up with its pitch. CONFLICT when full or already joined. Two
     * enterprises racing for the last seat: the read-decide-write holds the roadshow's document
     * lock and the write is conditional on the version read, so exactly `capacity` join.
     */
    async join(p: Principal, roadshowId: string, pitch: string): Promise<RoadshowDto> {
      if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only enterprises join roadshows');
      const enterpriseId = p.orgId;
      await enterprises.require(enterpriseId);
      const at = now();
      const r = await change(roadshowId, (cur) => {
        const refused = checkJoin(cur, enterpriseId);
        if (refused) return refused;
        return {
          set: { participants: [...cur.participants, { enterpriseId, pitch, joinedAt: at }] },
          event: (next) =>
            newEvent(roadshowJoined, {
              key: roadshowId,
              version: next.version,
              source: SOURCE,
              occurredAt: at,
              data: { roadshow: roadshowSnapshotOf(next), enterpriseId },
            }),
        };
      });
      published();
      return toDto(r, p);
    },

    /**
     * An officer of a bank, guarantor or fund that attended records a lead on a participant.
     * Attendance is not signed in separately: recording a lead is the institution's statement
     * that it attended. One lead per (institution, enterprise): recording again replaces the note.
     * A lead on an enterprise that is not a participant is BAD_USER_INPUT.
     */
    async recordLead(p: Principal, roadshowId: string, enterpriseId: string, note: string): Promise<RoadshowDto> {
      if (!OFFICERS.includes(p.role) || !p.orgId) throw forbidden('Only bank, guarantor and fund officers record roadshow leads');
      const institutionId = p.orgId;
      const at = now();
      const r = await change(roadshowId, (cur) => {
        if (!cur.participants.some((x) => x.enterpriseId === enterpriseId))
          return badInput('enterpriseId: the enterprise is not a participant of this roadshow', { field: 'enterpriseId' });
        const lead: Lead = { institutionId, enterpriseId, note, recordedAt: at, recordedBy: p.userId };
        const others = cur.leads.filter((l) => !(l.institutionId === institutionId && l.enterpriseId === enterpriseId));
        return {
          set: { leads: [...others, lead] },
          event: (next) =>
            newEvent(roadshowLeadRecorded, {
              key: roadshowId,
              version: next.version,
              source: SOURCE,
              occurredAt: at,
              data: {
                roadshow: roadshowSnapshotOf(next),
                lead: { institutionId, enterpriseId, note, recordedAt: iso(at), recordedBy: p.userId },
              },
            }),
        };
      });
      published();
      return toDto(r, p);
    },

    /** Any signed-in user; `upcoming` true: not started yet, false: started; newest scheduled first. */
    async list(p: Principal, upcoming: boolean | undefined, page: { first?: unknown; after?: unknown }) {
      const filter = upcoming === undefined ? {} : { startsAt: mongoose.trusted(upcoming ? { $gte: now() } : { $lt: now() }) };
      const res = await repo.roadshows.page(filter, page, (r) => r);
      const ids = res.edges.flatMap((e) => [
        ...e.node.participants.map((x) => x.enterpriseId),
        ...visibleLeads(p, e.node.leads).map((l) => l.enterpriseId),
      ]);
      const views = await enterprises.views(ids, p);
      return { ...res, edges: await Promise.all(res.edges.map(async (e) => ({ cursor: e.cursor, node: await toDto(e.node, p, views) }))) };
    },
  };
}
export type RoadshowUseCases = ReturnType<typeof roadshowUseCases>;
