import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type PageArgs } from './types';

/** A loan as the loan service answers (贷后); `match`, `enterprise` and `bank` are resolved from the ids. */
export interface LoanDto {
  id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  amount: number;
  annualRate: number;
  termMonths: number;
  repaymentMethod: string;
  disbursedAt: string;
  maturityDate: string;
  /** The last approved 应急转贷, null without one. */
  bridge: { amount: number; from: string; until: string } | null;
  outstandingPrincipal: number;
  status: string;
  schedule: { dueDate: string; principal: number; interest: number; paid: boolean }[];
  reliefs: ReliefDto[];
  followUps: { note: string; riskLevel: string; at: string }[];
  guaranteeFeeRate: number | null;
  coverageRatio: number | null;
  riskShare: { guarantor: number; bank: number; government: number } | null;
  createdAt: string;
}

export interface ReliefDto {
  id: string;
  loanId: string;
  kind: string;
  status: string;
  reason: string;
  months: number | null;
  amount: number | null;
}

/** Typed calls to the loan service. */
export function loanClient(http: ServiceClient) {
  return {
    loan: async (token: string, id: string) => http.get<LoanDto>(`/loans/${idSegment('derived', 'Loan', id)}`, { token }),
    loans: (token: string, args: PageArgs & { status?: string | null }) =>
      http.get<Connection<LoanDto>>('/loans', { token, query: { ...pageQuery(args), ...(args.status ? { status: args.status } : {}) } }),
    disburse: async (token: string, matchId: string, input: unknown) =>
      http.post<LoanDto>(`/matches/${idSegment('derived', 'Match', matchId)}/disburse`, input, { token }),
    repay: async (token: string, loanId: string, body: { amount: number; paidAt: string }) =>
      http.post<LoanDto>(`/loans/${idSegment('derived', 'Loan', loanId)}/repayments`, body, { token }),
    followUp: async (token: string, loanId: string, body: { note: string; riskLevel: string }) =>
      http.post<LoanDto>(`/loans/${idSegment('derived', 'Loan', loanId)}/follow-ups`, body, { token }),
    requestRelief: async (
      token: string,
      loanId: string,
      body: { kind: string; reason: string; months?: number | null; amount?: number | null },
    ) => http.post<ReliefDto>(`/loans/${idSegment('derived', 'Loan', loanId)}/reliefs`, body, { token }),
    decideRelief: async (token: string, reliefId: string, body: { approve: boolean; note?: string | null }) =>
      http.post<ReliefDto>(`/reliefs/${idSegment('relief', 'Relief', reliefId)}/decide`, body, { token }),
  };
}
export type LoanClient = ReturnType<typeof loanClient>;
