import type { MatchSnapshot } from '@yinqi/contracts';

/** Copies kept from other services' events (never read from their databases). */
export type MatchCopy = MatchSnapshot & { _id: string; version: number };

export interface GuaranteeCopy {
  _id: string;
  version: number;
  matchId: string;
  status: string;
  selectedQuoteId: string | null;
  quotes: { quoteId: string; guarantorId: string; feeRate: number; coverageRatio: number }[];
}

export interface PolicyCopy {
  _id: string;
  version: number;
  riskShareGuarantor: number;
  riskShareBank: number;
  riskShareGovernment: number;
  bridgeRequestWindowDays: number;
  bridgeMaxWorkingDays: number;
}
