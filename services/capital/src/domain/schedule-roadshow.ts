import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { roadshowScheduled, type RoadshowDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { z } from 'zod';
import type { CapitalDeps } from './deps';
import { created } from './aggregate';
import type { RoadshowRecord } from './records';
import { roadshowDto, roadshowSnapshot } from './roadshows';
import type { roadshowSchema } from './schemas';

/** 培训路演: the finance centre schedules a roadshow for enterprises to pitch at. */
export async function scheduleRoadshow(deps: CapitalDeps, p: Principal, input: z.infer<typeof roadshowSchema>): Promise<RoadshowDto> {
  if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre schedules roadshows');
  const at = deps.now();
  const fields = {
    _id: randomUUID(),
    title: input.title,
    startsAt: new Date(input.startsAt),
    industries: input.industries,
    capacity: input.capacity,
    participants: [],
    leads: [],
    createdBy: p.userId,
  };
  const record = created<RoadshowRecord, typeof roadshowScheduled.schema>(fields, at, roadshowScheduled, (r) => ({
    roadshow: roadshowSnapshot(r),
  }));
  await deps.repo.roadshows.insert(record);
  deps.published();
  return roadshowDto(deps, record, p, new Map());
}
