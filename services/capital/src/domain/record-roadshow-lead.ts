import type { Principal } from '@yinqi/auth';
import { roadshowLeadRecorded, type RoadshowDto } from '@yinqi/contracts';
import { badInput, forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { CapitalDeps } from './deps';
import { iso } from './iso-dates';
import { SOURCE, type Lead } from './records';
import { changeRoadshow, roadshowDto, roadshowSnapshot } from './roadshows';

const OFFICERS: Principal['role'][] = ['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER'];

/**
 * An officer of a bank, guarantor or fund that attended records a lead on a participant.
 * Attendance is not signed in separately: recording a lead is the institution's statement
 * that it attended. One lead per (institution, enterprise): recording again replaces the note.
 * A lead on an enterprise that is not a participant is BAD_USER_INPUT.
 */
export async function recordRoadshowLead(
  deps: CapitalDeps,
  p: Principal,
  roadshowId: string,
  enterpriseId: string,
  note: string,
): Promise<RoadshowDto> {
  if (!OFFICERS.includes(p.role) || !p.orgId) throw forbidden('Only bank, guarantor and fund officers record roadshow leads');
  const institutionId = p.orgId;
  const at = deps.now();
  const r = await changeRoadshow(deps, roadshowId, (cur) => {
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
            roadshow: roadshowSnapshot(next),
            lead: { institutionId, enterpriseId, note, recordedAt: iso(at), recordedBy: p.userId },
          },
        }),
    };
  });
  deps.published();
  return roadshowDto(deps, r, p);
}
