import type { FactBase } from './fact-base';

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
