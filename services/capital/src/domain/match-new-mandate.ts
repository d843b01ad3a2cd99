import type { FundMandateSnapshot } from '@yinqi/contracts';
import type { EquityDeps } from './deps';
import { asMandate } from './equity-snapshots';
import { fundMatchIdOf, proposeMatch } from './fund-matches';

/** fund.mandate-published: matched against every open round. Mandates do not change once published. */
export async function matchNewMandate(deps: EquityDeps, m: FundMandateSnapshot): Promise<void> {
  const mandate = asMandate(m);
  deps.matcher.putMandate(mandate);
  for (const f of deps.matcher.pitchesFor(mandate)) {
    const existing = await deps.repo.matches.find(fundMatchIdOf(f.pitch.round.roundId, mandate.mandateId));
    await proposeMatch(deps, f.pitch.round, mandate, f.score, f.reasons, existing ?? undefined);
  }
}
