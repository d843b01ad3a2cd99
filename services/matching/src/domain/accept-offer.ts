import type { Principal } from '@yinqi/auth';
import { matchAccepted, type MatchDto } from '@yinqi/contracts';
import { conflict, forbidden, notFound } from '@yinqi/errors';
import type { Deps } from './deps';
import type { Match } from './match';
import { toMatchDto } from './match-dto';
import { transition } from './transition';
import { rejectOthers } from './withdrawals';

/**
 * The enterprise accepts one offer. A claim document per demand decides the winner when two
 * tabs accept two offers at once; a retry of the same accept finishes what a crash left.
 */
export async function acceptOffer(deps: Deps, principal: Principal, id: string): Promise<MatchDto> {
  const { repo } = deps;
  const current = await repo.findMatch(id);
  if (!current) throw notFound('Match');
  if (principal.role !== 'ENTERPRISE' || current.enterpriseId !== principal.orgId)
    throw forbidden('Only the enterprise that posted the demand accepts');
  if (current.status !== 'OFFERED' && current.status !== 'ACCEPTED')
    throw conflict(`The match is ${current.status}; only an OFFERED match can be accepted`);
  const holder = await repo.claimAcceptance(current.demandId, id);
  if (holder !== id) throw conflict('Another offer for this demand has already been accepted');
  let m: Match;
  try {
    m = await transition(deps, id, (cur) => {
      if (cur.status === 'ACCEPTED') return null;
      if (cur.status !== 'OFFERED') return conflict(`The match is ${cur.status}; only an OFFERED match can be accepted`);
      return { set: { status: 'ACCEPTED' }, def: matchAccepted };
    });
  } catch (err) {
    await repo.releaseAcceptance(current.demandId, id);
    throw err;
  }
  await rejectOthers(
    deps,
    (await repo.matchesOfDemand(current.demandId)).filter((o) => o._id !== id),
  );
  return toMatchDto(deps, m);
}
