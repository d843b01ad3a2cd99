import type { CalendarYear, SlaBasis } from '@yinqi/calendar';
import type { Tier } from '@yinqi/contracts';

/**
 * The monitor's read model: one small "fact" per aggregate, built only from events. Each fact
 * carries `v`, the version of the aggregate event it was last built from; an event whose version
 * is not higher changes nothing (re-delivery, replay, an older event after a newer one).
 * Times are epoch milliseconds (numbers are smaller than strings in memory and compare fast).
 */
export interface FactBase {
  /** The aggregate id (relief id for reliefs). */
  _id: string;
  v: number;
}

/** 企业画像 (only what the dashboard needs). */
export interface EnterpriseFact extends FactBase {
  name: string;
  tier: Tier;
  /** When the enterprise was first certified at each tier (梯度培育: for "new per year" plan targets). */
  reachedAt: Partial<Record<Tier, number>>;
}

export interface InstitutionFact extends FactBase {
  kind: 'BANK' | 'GUARANTOR' | 'FUND';
  name: string;
}

export interface ProductFact extends FactBase {
  name: string;
  bankId: string;
}

/** 融资需求 */
export interface DemandFact extends FactBase {
  enterpriseId: string;
  amount: number;
  status: string;
  postedAt: number;
}

/** 银企对接 */
export interface MatchFact extends FactBase {
  demandId: string;
  enterpriseId: string;
  productId: string;
  bankId: string;
  status: string;
  /** The demand's amount. */
  amount: number;
  createdAt: number;
  /** When the bank first answered (match.responded), null while unanswered. */
  respondedAt: number | null;
  /** When the offer was made (match.offered), and its terms. */
  offeredAt: number | null;
  offerAmount: number | null;
  offerRate: number | null;
  offerTermMonths: number | null;
}

/** 贷款 */
export interface LoanFact extends FactBase {
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  amount: number;
  annualRate: number;
  termMonths: number;
  repaymentMethod: string;
  disbursedAt: number;
  maturityDate: number;
  outstandingPrincipal: number;
  status: 'ACTIVE' | 'CLOSED' | 'OVERDUE';
  /** 政银担 terms in force at disbursement; null without a guarantee. */
  guaranteeFeeRate: number | null;
  coverageRatio: number | null;
  governmentShare: number | null;
}

/** A relief request on a loan (延期还本付息 / 无还本续贷 / 应急转贷); `v` is the loan's version. */
export interface ReliefFact extends FactBase {
  loanId: string;
  kind: 'DEFERRAL' | 'RENEWAL_WITHOUT_REPAYMENT' | 'BRIDGE_FUND';
  status: 'PENDING' | 'APPROVED' | 'DECLINED';
  requestedAt: number;
}

/** 担保需求 (政银担): a guarantee request with the quote the enterprise selected, for the export. */
export interface GuaranteeFact extends FactBase {
  matchId: string;
  enterpriseId: string;
  bankId: string;
  amount: number;
  status: string;
  createdAt: number;
  quotes: number;
  /** The selected quote's guarantor and terms; null until one is selected. */
  guarantorId: string | null;
  feeRate: number | null;
  coverageRatio: number | null;
}

/** The district policy (one aggregate, `_id` = "policy"). */
export interface PolicyFact extends FactBase {
  guaranteeFeeRateTarget: number;
  bankResponseSlaHours: number;
  /** How the SLA is counted; facts stored before it existed read as CLOCK_HOURS / 3. */
  bankResponseSlaBasis?: SlaBasis;
  bankResponseSlaWorkingDays?: number;
}

/** The working calendar (工作日历, one aggregate, `_id` = "working-calendar"): every maintained year. */
export interface CalendarFact extends FactBase {
  years: CalendarYear[];
}

/** Capital markets (items 11, 12, 17, 18, 32): one fact per listing candidate, bond reserve item, equity round, roadshow. */
export interface ListingFact extends FactBase {
  /** 上市后备 stage and when the enterprise reached it. */
  stage: string;
  stageAt: number;
  /** For the export (facts stored before these existed lack them): 上市辅导 coach, when the enterprise entered the pipeline. */
  coach?: string | null;
  enteredAt?: number;
}
/** 债券融资项目储备 */
export interface BondFact extends FactBase {
  amount: number;
  createdAt: number;
  /** For the export (facts stored before these existed lack them). */
  enterpriseId?: string;
  purpose?: string;
  plannedQuarter?: string;
}
/** 股权融资 round */
export interface EquityRoundFact extends FactBase {
  status: string;
  createdAt: number;
}
/** 培训路演: when each lead was recorded (the roadshow is the aggregate). */
export interface RoadshowFact extends FactBase {
  leadsAt: number[];
}

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
