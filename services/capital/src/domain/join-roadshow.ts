import type { Principal } from '@yinqi/auth';
import { roadshowJoined, type RoadshowDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { CapitalDeps } from './deps';
import { SOURCE } from './records';
import { changeRoadshow, checkJoin, roadshowDto, roadshowSnapshot } from './roadshows';

/**
 * An enterprise signs up with its pitch. CONFLICT when full or already joined. Two
 * enterprises racing for the last seat: the read-decide-write holds the roadshow's document
 * lock and the write is conditional on the version read, so exactly `capacity` join.
 */
export async function joinRoadshow(deps: CapitalDeps, p: Principal, roadshowId: string, pitch: string): Promise<RoadshowDto> {
  if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only enterprises join roadshows');
  const enterpriseId = p.orgId;
  await deps.enterprises.require(enterpriseId);
  const at = deps.now();
  const r = await changeRoadshow(deps, roadshowId, (cur) => {
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
          data: { roadshow: roadshowSnapshot(next), enterpriseId },
        }),
    };
  });
  deps.published();
  return roadshowDto(deps, r, p);
}
