import type { Logger } from '@yinqi/logger';
import type { CapitalRepository } from './capital-repository';
import type { EnterpriseDirectory } from './enterprises';
import type { FundMatcher } from './fund-matcher';
import type { RewardTable } from './listing';

/** What every capital use-case is given by main.ts (or a test). */
export interface CapitalDeps {
  repo: CapitalRepository;
  enterprises: EnterpriseDirectory;
  /** Tells the outbox relay that a write carried events, so it publishes them now rather than at its next poll. */
  published: () => void;
  now: () => Date;
}

/** The listing pipeline also pays staged rewards from the configured table. */
export interface ListingDeps extends CapitalDeps {
  rewards: RewardTable;
}

/** Equity rounds are matched to fund mandates in the matcher's memory. */
export interface EquityDeps extends CapitalDeps {
  matcher: FundMatcher;
  logger: Logger;
}

/** The deps as main.ts and the tests pass them: the clock defaults to the wall clock. */
export type WithOptionalClock<D extends CapitalDeps> = Omit<D, 'now'> & { now?: () => Date };

export const withClock = <D extends CapitalDeps>({ now = () => new Date(), ...rest }: WithOptionalClock<D>): D => ({ ...rest, now }) as D;
