import type { Principal } from '@yinqi/auth';
import { equityRoundClosed, type EquityRoundDto } from '@yinqi/contracts';
import { forbidden, notFound } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { transition } from './aggregate';
import type { EquityDeps } from './deps';
import { byScore, matchDtos, roundDto } from './equity-dtos';
import { roundSnapshot } from './equity-snapshots';
import { COLLECTIONS, SOURCE } from './records';

/**
 * The owning enterprise closes its round; the consumer withdraws its unanswered matches. Closing a
 * closed round changes nothing.
 */
export async function closeEquityRound(deps: EquityDeps, p: Principal, roundId: string): Promise<EquityRoundDto> {
  const { repo, enterprises, now } = deps;
  const r0 = await repo.rounds.find(roundId);
  if (!r0) throw notFound('Equity round');
  if (p.role !== 'ENTERPRISE' || r0.enterpriseId !== p.orgId) throw forbidden('Only the enterprise that posted the round closes it');
  const at = now();
  const r = await transition(
    repo.rounds,
    COLLECTIONS.rounds,
    roundId,
    'Equity round',
    (cur) =>
      cur.status === 'CLOSED'
        ? null
        : {
            set: { status: 'CLOSED' as const, closedAt: at },
            event: (next) =>
              newEvent(equityRoundClosed, {
                key: roundId,
                version: next.version,
                source: SOURCE,
                occurredAt: at,
                data: { round: roundSnapshot(next) },
              }),
          },
    now,
  );
  deps.published();
  const [views, ms] = await Promise.all([enterprises.views([r.enterpriseId], p), repo.matches.findMany({ roundId })]);
  return { ...roundDto(r, views.get(r.enterpriseId) ?? null), matches: await matchDtos(deps, ms.sort(byScore), p) };
}
