import type { MatchStatus } from '../domain';

/** One eligibility rule's outcome for a match, as both sides see it. */
export interface MatchReasonDto {
  rule: string;
  passed: boolean;
  detail: string;
}

/** A bank's offer on a match; allInAnnualRate adds the guarantee fee the enterprise bears. */
export interface MatchOfferDto {
  amount: number;
  annualRate: number;
  termMonths: number;
  conditions: string | null;
  allInAnnualRate: number;
}

/** A match (银企对接) as the matching service answers it over REST. */
export interface MatchDto {
  id: string;
  demandId: string;
  enterpriseId: string;
  productId: string;
  bankId: string;
  score: number;
  reasons: MatchReasonDto[];
  status: MatchStatus;
  offer: MatchOfferDto | null;
  createdAt: string;
  /** By when the bank must answer (the policy's response SLA on the working calendar); null when unknown. */
  responseDeadline: string | null;
}
