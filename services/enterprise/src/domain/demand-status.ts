import type { DemandStatus, MatchStatus } from '@yinqi/contracts';
import type { MatchState } from './records';

/** Statuses a demand never leaves: the enterprise withdrew it, it was funded, or it was closed. */
const FINAL: ReadonlySet<DemandStatus> = new Set<DemandStatus>(['WITHDRAWN', 'FUNDED', 'CLOSED']);

/** Matches a bank can still act on before an offer. */
const LIVE: ReadonlySet<MatchStatus> = new Set<MatchStatus>(['PROPOSED', 'INTERESTED']);

export const isFinal = (status: DemandStatus) => FINAL.has(status);

/**
 * A demand's status from the latest status of each of its matches. The most advanced match wins
 * (FUNDED > ACCEPTED > OFFERED > a live match); with none of those the demand is OPEN again.
 * Final statuses stay as they are.
 */
export function deriveDemandStatus(current: DemandStatus, matchStatuses: Iterable<MatchStatus>): DemandStatus {
  if (isFinal(current)) return current;
  let funded = false;
  let accepted = false;
  let offered = false;
  let live = false;
  for (const s of matchStatuses) {
    if (s === 'FUNDED') funded = true;
    else if (s === 'ACCEPTED') accepted = true;
    else if (s === 'OFFERED') offered = true;
    else if (LIVE.has(s)) live = true;
  }
  if (funded) return 'FUNDED';
  if (accepted) return 'ACCEPTED';
  if (offered) return 'OFFERED';
  if (live) return 'MATCHED';
  return 'OPEN';
}

export interface MatchUpdate {
  matchId: string;
  status: MatchStatus;
  bankId: string;
  /** The match aggregate's version after the change. */
  version: number;
}

export type MatchUpdateResult =
  | { applied: false }
  | { applied: true; matches: Record<string, MatchState>; status: DemandStatus; bankIds: string[] };

/**
 * Folds one match event into a demand's match map. An event whose version is not newer than
 * what we hold for that match changes nothing, so a re-delivered or late event is harmless.
 */
export function applyMatchUpdate(
  demand: { status: DemandStatus; matches: Record<string, MatchState>; bankIds: string[] },
  update: MatchUpdate,
): MatchUpdateResult {
  const known = demand.matches[update.matchId];
  if (known && known.version >= update.version) return { applied: false };
  const matches = { ...demand.matches, [update.matchId]: { status: update.status, version: update.version, bankId: update.bankId } };
  const status = deriveDemandStatus(
    demand.status,
    Object.values(matches).map((m) => m.status),
  );
  const bankIds = demand.bankIds.includes(update.bankId) ? demand.bankIds : [...demand.bankIds, update.bankId];
  return { applied: true, matches, status, bankIds };
}

/** Match ids become keys of the stored map: MongoDB field names may not contain `.` nor start with `$`. */
export const isStorableMatchId = (id: string) => /^[A-Za-z0-9_-]{1,128}$/.test(id);
