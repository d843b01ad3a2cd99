import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type MatchDto, type PageArgs } from './types';

export interface GuaranteeQuoteDto {
  id: string;
  guarantorId: string;
  feeRate: number;
  coverageRatio: number;
  conditions: string | null;
  quotedAt: string;
}

export interface GuaranteeRequestDto {
  id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  productId: string;
  amount: number;
  status: 'OPEN' | 'SELECTED' | 'CLOSED';
  quotes: GuaranteeQuoteDto[];
  selectedQuote: GuaranteeQuoteDto | null;
  closedReason: string | null;
  createdAt: string;
  expiresAt: string;
  /** The guarantee service's copy of the demand (from its events); null until one arrived. */
  demand: {
    demandId: string;
    enterpriseId: string;
    amount: number;
    termMonths: number;
    purpose: string;
    collateral: string;
    maxAnnualRate: number | null;
    needsGuarantee: boolean;
    status: string;
    createdAt: string;
  } | null;
  /** The guarantee service's own copy of the match (no reasons), for callers matching will not serve. */
  match: Omit<MatchDto, 'reasons'>;
}

export interface PolicyDto {
  guaranteeFeeRateCap: number;
  guaranteeFeeRateTarget: number;
  riskShareGuarantor: number;
  riskShareBank: number;
  riskShareGovernment: number;
  bankResponseSlaHours: number;
  bankResponseSlaBasis: 'CLOCK_HOURS' | 'WORKING_HOURS' | 'WORKING_DAYS';
  bankResponseSlaWorkingDays: number;
  bridgeRequestWindowDays: number;
  bridgeMaxWorkingDays: number;
  updatedAt: string;
  /** Present for the finance centre only. */
  history?: { changedBy: string; at: string; changes: { field: string; from: number | string; to: number | string }[] }[];
}

export interface CalendarYearDto {
  year: number;
  holidays: { date: string; name: string }[];
  makeUpWorkdays: { date: string; name: string }[];
  maintained: boolean;
  workingDays: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Typed calls to the guarantee service (政银担 and the district policy). */
export function guaranteeClient(http: ServiceClient) {
  return {
    requests: (token: string, args: PageArgs & { status?: string | null }) =>
      http.get<Connection<GuaranteeRequestDto>>('/guarantee-requests', {
        token,
        query: { ...pageQuery(args), ...(args.status ? { status: args.status } : {}) },
      }),
    request: async (token: string, id: string) =>
      http.get<GuaranteeRequestDto>(`/guarantee-requests/${idSegment('derived', 'Guarantee request', id)}`, { token }),
    submitQuote: async (token: string, requestId: string, input: unknown) =>
      http.post<GuaranteeQuoteDto>(`/guarantee-requests/${idSegment('derived', 'Guarantee request', requestId)}/quotes`, input, { token }),
    selectQuote: async (token: string, quoteId: string) =>
      http.post<GuaranteeRequestDto>(`/quotes/${idSegment('uuid', 'Quote', quoteId)}/select`, {}, { token }),
    policy: (token: string) => http.get<PolicyDto>('/policy', { token }),
    setPolicy: (token: string, input: unknown) => http.post<PolicyDto>('/policy', input, { token }),
    workingCalendar: (token: string, year: number) => http.get<CalendarYearDto>('/working-calendar', { token, query: { year } }),
    setWorkingCalendarYear: (token: string, input: unknown) => http.post<CalendarYearDto>('/working-calendar', input, { token }),
  };
}
export type GuaranteeClient = ReturnType<typeof guaranteeClient>;
