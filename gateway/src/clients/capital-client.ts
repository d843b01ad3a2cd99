import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type EnterpriseDto, type PageArgs } from './types';

/** The capital service's own copy of an enterprise (financial figures only for the finance centre and the enterprise itself). */
export type CapitalEnterpriseDto = EnterpriseDto;

export interface ListingCandidateDto {
  enterpriseId: string;
  enterprise: CapitalEnterpriseDto | null;
  stage: string;
  coach: string | null;
  history: { stage: string; at: string; note: string | null; setBy: string }[];
  rewardsDue: { stage: string; amount: number }[];
  rewardsPaid: { stage: string; amount: number; paidAt: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface BondReserveItemDto {
  id: string;
  enterpriseId: string;
  enterprise: CapitalEnterpriseDto | null;
  amount: number;
  purpose: string;
  plannedQuarter: string;
  createdAt: string;
}

export interface FundMandateDto {
  id: string;
  fundId: string;
  name: string;
  minTicket: number;
  maxTicket: number;
  eligibleTiers: string[];
  industries: string[];
  stages: string[];
  createdAt: string;
}

export interface EquityRoundDto {
  id: string;
  enterpriseId: string;
  enterprise: CapitalEnterpriseDto | null;
  amount: number;
  preMoneyValuation: number;
  useOfFunds: string;
  status: 'OPEN' | 'CLOSED';
  createdAt: string;
  closedAt: string | null;
  /** Present when the service answered with them; fetched per round otherwise. */
  matches?: FundMatchDto[];
}

export interface FundMatchDto {
  id: string;
  roundId: string;
  round: EquityRoundDto | null;
  mandateId: string;
  mandate: FundMandateDto | null;
  fundId: string;
  enterpriseId: string;
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  status: string;
  note: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface RoadshowDto {
  id: string;
  title: string;
  startsAt: string;
  industries: string[];
  capacity: number;
  participants: { enterpriseId: string; enterprise: CapitalEnterpriseDto | null; pitch: string; joinedAt: string }[];
  leads: { institutionId: string; enterpriseId: string; enterprise: CapitalEnterpriseDto | null; note: string; recordedAt: string }[];
  createdAt: string;
}

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
