import type { Tier } from '@yinqi/contracts';
import type { FactBase } from './fact-base';

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
