import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import type { CalendarYearDto, GuaranteeQuoteDto, GuaranteeRequestDto, PolicyDto } from '@yinqi/contracts';
import { pageQuery, type Connection, type PageArgs } from './types';

export type { GuaranteeQuoteDto, GuaranteeRequestDto, PolicyDto } from '@yinqi/contracts';

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
