import type { BondFact, EquityRoundFact, ListingFact, RoadshowFact } from './capital-fact-types';
import type { CalendarFact, GuaranteeFact, LoanFact, PolicyFact, ReliefFact } from './credit-fact-types';
import type { DemandFact, EnterpriseFact, InstitutionFact, MatchFact, ProductFact } from './matchmaking-fact-types';

export type { FactBase } from './fact-base';
export type * from './capital-fact-types';
export type * from './credit-fact-types';
export type * from './matchmaking-fact-types';

/** Every kind of fact the read model holds, by the name it is stored and counted under. */
export interface FactTypes {
  enterprise: EnterpriseFact;
  institution: InstitutionFact;
  product: ProductFact;
  demand: DemandFact;
  match: MatchFact;
  loan: LoanFact;
  relief: ReliefFact;
  guarantee: GuaranteeFact;
  policy: PolicyFact;
  calendar: CalendarFact;
  listing: ListingFact;
  bond: BondFact;
  equity: EquityRoundFact;
  roadshow: RoadshowFact;
}
export type FactKind = keyof FactTypes;
export const FACT_KINDS: FactKind[] = [
  'enterprise',
  'institution',
  'product',
  'demand',
  'match',
  'loan',
  'relief',
  'guarantee',
  'policy',
  'calendar',
  'listing',
  'bond',
  'equity',
  'roadshow',
];

/** One fact to store (and then hold in memory). */
export type FactChange = { [K in FactKind]: { kind: K; fact: FactTypes[K] } }[FactKind];

/** Contract defaults (API-CONTRACT.md "Guarantees") until a policy.changed arrives. */
export const DEFAULT_POLICY: PolicyFact = { _id: 'policy', v: 0, guaranteeFeeRateTarget: 1.0, bankResponseSlaHours: 72 };
