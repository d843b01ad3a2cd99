import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { GuaranteeRequestSnapshot, MatchSnapshot, PolicySnapshot } from '@yinqi/contracts';
import type { LoanDeps } from './deps';

// The copies of other services' state a disbursement and a relief judge on, each kept from that
// service's events; an older event delivered late changes nothing (the repository compares versions).

export const keepMatch = async ({ repo }: LoanDeps, m: MatchSnapshot, version: number) => void (await repo.saveMatch(m, version));

export const keepGuarantee = async ({ repo }: LoanDeps, r: GuaranteeRequestSnapshot, version: number) =>
  void (await repo.saveGuarantee(r, version));

export const keepPolicy = async ({ repo }: LoanDeps, p: PolicySnapshot, version: number) => void (await repo.savePolicy(p, version));

export const keepCalendar = async ({ repo }: LoanDeps, c: WorkingCalendarSnapshot, version: number) =>
  void (await repo.saveCalendar(c, version));
