import type { BondReserveItemDto, EquityRoundDto, FundMandateDto, FundMatchDto, ListingCandidateDto, RoadshowDto } from '@yinqi/contracts';
import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type PageArgs } from './types';

/** Typed calls to the capital service (listing pipeline, bond reserve, equity rounds and funds, roadshows). */
export function capitalClient(http: ServiceClient) {
  return {
    pipeline: (token: string, args: PageArgs & { stage?: string | null }) =>
      http.get<Connection<ListingCandidateDto>>('/listing/candidates', {
        token,
        query: { ...pageQuery(args), ...(args.stage ? { stage: args.stage } : {}) },
      }),
    setStage: async (token: string, enterpriseId: string, body: { stage: string; note: string | null }) =>
      http.post<ListingCandidateDto>(`/listing/candidates/${idSegment('uuid', 'Enterprise', enterpriseId)}/stage`, body, { token }),
    assignCoach: async (token: string, enterpriseId: string, coach: string) =>
      http.post<ListingCandidateDto>(`/listing/candidates/${idSegment('uuid', 'Enterprise', enterpriseId)}/coach`, { coach }, { token }),
    markRewardPaid: async (token: string, enterpriseId: string, stage: string) =>
      http.post<ListingCandidateDto>(
        `/listing/candidates/${idSegment('uuid', 'Enterprise', enterpriseId)}/rewards-paid`,
        { stage },
        { token },
      ),

    bondReserve: (token: string, args: PageArgs) =>
      http.get<Connection<BondReserveItemDto>>('/bond-reserve', { token, query: pageQuery(args) }),
    addBondReserve: (token: string, input: unknown) => http.post<BondReserveItemDto>('/bond-reserve', input, { token }),

    postRound: (token: string, input: unknown) => http.post<EquityRoundDto>('/equity-rounds', input, { token }),
    closeRound: async (token: string, roundId: string) =>
      http.post<EquityRoundDto>(`/equity-rounds/${idSegment('uuid', 'Equity round', roundId)}/close`, {}, { token }),
    myRounds: (token: string) => http.get<EquityRoundDto[]>('/equity-rounds/mine', { token }),
    roundMatches: async (token: string, roundId: string) =>
      http.get<FundMatchDto[]>(`/equity-rounds/${idSegment('uuid', 'Equity round', roundId)}/matches`, { token }),
    publishMandate: (token: string, input: unknown) => http.post<FundMandateDto>('/fund-mandates', input, { token }),
    myMandates: (token: string) => http.get<FundMandateDto[]>('/fund-mandates/mine', { token }),
    fundMatches: (token: string, args: PageArgs) => http.get<Connection<FundMatchDto>>('/fund-matches', { token, query: pageQuery(args) }),
    respond: async (token: string, matchId: string, body: { interested: boolean; note: string | null }) =>
      http.post<FundMatchDto>(`/fund-matches/${idSegment('derived', 'Fund match', matchId)}/respond`, body, { token }),

    roadshows: (token: string, args: PageArgs & { upcoming?: boolean | null }) =>
      http.get<Connection<RoadshowDto>>('/roadshows', {
        token,
        query: { ...pageQuery(args), ...(args.upcoming != null ? { upcoming: args.upcoming } : {}) },
      }),
    scheduleRoadshow: (token: string, input: unknown) => http.post<RoadshowDto>('/roadshows', input, { token }),
    joinRoadshow: async (token: string, roadshowId: string, pitch: string) =>
      http.post<RoadshowDto>(`/roadshows/${idSegment('uuid', 'Roadshow', roadshowId)}/join`, { pitch }, { token }),
    recordLead: async (token: string, roadshowId: string, body: { enterpriseId: string; note: string }) =>
      http.post<RoadshowDto>(`/roadshows/${idSegment('uuid', 'Roadshow', roadshowId)}/leads`, body, { token }),
  };
}
export type CapitalClient = ReturnType<typeof capitalClient>;
