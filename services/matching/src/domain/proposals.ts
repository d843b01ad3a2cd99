import { matchProposed, type ProductSnapshot } from '@yinqi/contracts';
import { documentLockKey, newEvent, withDocumentLock } from '@yinqi/events';
import type { Deps } from './deps';
import { checkEligibility, type Applicant } from './eligibility';
import { matchIdOf, PRE_OFFER, type Match, type MatchRecord } from './match';
import { snapshotOf, SOURCE, transition } from './transition';

/** An eligible (demand, product) pair, with the match it already has, if any. */
export interface Proposal {
  applicant: Applicant;
  product: ProductSnapshot;
  score: number;
  existing: Match | undefined;
}

/** A new PROPOSED match with its event, ready to insert. */
function newMatch(now: Date, applicant: Applicant, product: ProductSnapshot, score: number, reasons: Match['reasons']): MatchRecord {
  const { demand } = applicant;
  const id = matchIdOf(demand.demandId, product.productId);
  const record: MatchRecord = {
    _id: id,
    demandId: demand.demandId,
    enterpriseId: demand.enterpriseId,
    productId: product.productId,
    bankId: product.bankId,
    score,
    reasons,
    status: 'PROPOSED',
    offer: null,
    amount: demand.amount,
    guaranteeRequired: demand.needsGuarantee || product.requiresGuarantee,
    guaranteeFeeRate: null,
    responseReason: null,
    createdAt: now,
    respondedAt: null,
    updatedAt: now,
    version: 1,
    outbox: [],
  };
  record.outbox = [newEvent(matchProposed, { key: id, version: 1, source: SOURCE, data: { match: snapshotOf(record), reason: null } })];
  return record;
}

/** An existing match of an eligible pair: back to PROPOSED if it was withdrawn, else refresh its score. */
async function keepEligible(deps: Deps, existing: Match, score: number, reasons: Match['reasons']): Promise<void> {
  if (existing.status === 'WITHDRAWN') {
    await transition(deps, existing._id, (m) =>
      m.status === 'WITHDRAWN' ? { set: { status: 'PROPOSED', score, reasons, offer: null }, def: matchProposed } : null,
    );
  } else if (PRE_OFFER.includes(existing.status) && existing.score !== score) {
    await withDocumentLock(documentLockKey('matches', existing._id), () =>
      deps.repo.refreshMatch(existing._id, existing.version, score, reasons),
    );
  }
}

/** Writes the new matches in one round trip; existing ones are updated one by one (rare). */
export async function proposeAll(deps: Deps, items: Proposal[]): Promise<void> {
  const fresh: MatchRecord[] = [];
  for (const it of items) {
    const reasons = checkEligibility(it.applicant, it.product).reasons;
    if (it.existing) await keepEligible(deps, it.existing, it.score, reasons);
    else fresh.push(newMatch(deps.now(), it.applicant, it.product, it.score, reasons));
  }
  // Chunks under 100 documents: FerretDB holds a pooled connection (of 100) per statement.
  for (let i = 0; i < fresh.length; i += 50) {
    const chunk = fresh.slice(i, i + 50);
    const inserted = await deps.repo.insertMatches(chunk);
    // None reported inserted: all existed (a redelivery), or the driver did not say which — the
    // relay then reads them by id and publishes whatever is still unpublished.
    if (inserted.length > 0) deps.publishedInserted(inserted);
    else deps.published(chunk.map((r) => r._id));
  }
}
