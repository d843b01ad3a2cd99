import { documentLockKey, withDocumentLock } from '@yinqi/events';
import type { Deps } from './deps';

/** A selected guarantee quote sets the fee the enterprise bears in allInAnnualRate. */
export async function setGuaranteeFee({ repo }: Deps, matchId: string, feeRate: number | null): Promise<void> {
  await withDocumentLock(documentLockKey('matches', matchId), () => repo.setGuaranteeFeeRate(matchId, feeRate));
}
