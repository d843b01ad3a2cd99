import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import type { MatchDto } from '@yinqi/contracts';
import { given, pageQuery, type Connection, type PageArgs } from './types';

/** Typed calls to the matching service (银企对接). */
export function matchingClient(http: ServiceClient) {
  return {
    matchesByDemandIds: (token: string, demandIds: readonly string[]) =>
      http.get<MatchDto[]>('/matches', { token, query: { demandIds: demandIds.join(',') } }),
    matchesByIds: (token: string, ids: readonly string[]) => http.get<MatchDto[]>('/matches', { token, query: { ids: ids.join(',') } }),
    bankMatches: (token: string, args: PageArgs & { status?: string | null; enterpriseName?: string | null }) =>
      http.get<Connection<MatchDto>>('/matches/bank', {
        token,
        query: { ...pageQuery(args), ...given({ status: args.status, enterpriseName: args.enterpriseName }) },
      }),
    respond: async (token: string, id: string, body: { interested: boolean; reason?: string | null }) =>
      http.post<MatchDto>(`/matches/${idSegment('derived', 'Match', id)}/respond`, body, { token }),
    offer: async (token: string, id: string, input: unknown) =>
      http.post<MatchDto>(`/matches/${idSegment('derived', 'Match', id)}/offer`, input, { token }),
    accept: async (token: string, id: string) => http.post<MatchDto>(`/matches/${idSegment('derived', 'Match', id)}/accept`, {}, { token }),
  };
}
export type MatchingClient = ReturnType<typeof matchingClient>;
