import type { Principal } from '@yinqi/auth';
import type { z } from 'zod';
import type { PageArgs } from './capital-repository';
import { withClock, type CapitalDeps, type WithOptionalClock } from './deps';
import { joinRoadshow } from './join-roadshow';
import { listRoadshows } from './list-roadshows';
import { recordRoadshowLead } from './record-roadshow-lead';
import { scheduleRoadshow } from './schedule-roadshow';
import type { roadshowSchema } from './schemas';

/** 培训路演: the finance centre schedules, enterprises sign up to pitch, institutions record leads. */
export function roadshowUseCases(input: WithOptionalClock<CapitalDeps>) {
  const deps = withClock<CapitalDeps>(input);
  return {
    schedule: (p: Principal, roadshow: z.infer<typeof roadshowSchema>) => scheduleRoadshow(deps, p, roadshow),
    join: (p: Principal, roadshowId: string, pitch: string) => joinRoadshow(deps, p, roadshowId, pitch),
    recordLead: (p: Principal, roadshowId: string, enterpriseId: string, note: string) =>
      recordRoadshowLead(deps, p, roadshowId, enterpriseId, note),
    list: (p: Principal, upcoming: boolean | undefined, page: PageArgs) => listRoadshows(deps, p, upcoming, page),
  };
}
export type RoadshowUseCases = ReturnType<typeof roadshowUseCases>;
