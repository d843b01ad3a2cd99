import type { LoanDto, ReliefDto } from '@yinqi/contracts';
import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type PageArgs } from './types';

export type { LoanDto } from '@yinqi/contracts';

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
