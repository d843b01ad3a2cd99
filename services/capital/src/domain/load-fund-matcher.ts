import type { EquityDeps } from './deps';
import { asMandate } from './equity-snapshots';

/** The matcher's memory, rebuilt at start from this service's own collections. */
export async function loadFundMatcher({ repo, matcher, logger }: EquityDeps): Promise<void> {
  for (const e of await repo.allEnterprises()) matcher.putEnterprise(e.enterpriseId, e);
  for (const c of await repo.candidates.all()) matcher.putStage(c._id, c.stage, c.version);
  for (const m of await repo.mandates.all()) matcher.putMandate(asMandate(m));
  for (const r of await repo.rounds.findMany({ status: 'OPEN' }))
    matcher.putRound({ roundId: r._id, enterpriseId: r.enterpriseId, amount: r.amount, status: r.status }, r.version);
  logger.info({ mandates: matcher.mandateCount, openRounds: matcher.openRoundCount }, 'fund matcher loaded');
}
