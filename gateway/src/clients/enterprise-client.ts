import type { DemandDto, EnterpriseDto } from '@yinqi/contracts';
import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { given, pageQuery, type Connection, type EnterpriseSearchArgs, type PageArgs } from './types';

/** Typed calls to the enterprise service (profiles, tiers, white list, demands). */
export function enterpriseClient(http: ServiceClient) {
  return {
    enterprise: async (token: string, id: string) =>
      http.get<EnterpriseDto>(`/enterprises/${idSegment('uuid', 'Enterprise', id)}`, { token }),
    enterprisesByIds: (token: string, ids: readonly string[]) =>
      http.get<EnterpriseDto[]>('/enterprises', { token, query: { ids: ids.join(',') } }),
    enterprises: (token: string, args: PageArgs & EnterpriseSearchArgs & { tier?: string | null }) =>
      http.get<Connection<EnterpriseDto>>('/enterprises', {
        token,
        query: { ...pageQuery(args), ...given({ tier: args.tier, search: args.search, town: args.town, industry: args.industry }) },
      }),
    updateProfile: (token: string, input: unknown) => http.post<EnterpriseDto>('/enterprises/me/profile', input, { token }),
    certify: async (token: string, id: string, body: { tier: string; whitelisted: boolean }) =>
      http.post<EnterpriseDto>(`/enterprises/${idSegment('uuid', 'Enterprise', id)}/certify`, body, { token }),
    postDemand: (token: string, input: unknown) => http.post<DemandDto>('/demands', input, { token }),
    withdrawDemand: async (token: string, id: string) =>
      http.post<DemandDto>(`/demands/${idSegment('uuid', 'Demand', id)}/withdraw`, {}, { token }),
    demand: async (token: string, id: string) => http.get<DemandDto>(`/demands/${idSegment('uuid', 'Demand', id)}`, { token }),
    demandsByIds: (token: string, ids: readonly string[]) => http.get<DemandDto[]>('/demands', { token, query: { ids: ids.join(',') } }),
    myDemands: (token: string) => http.get<DemandDto[]>('/demands/mine', { token }),
  };
}
export type EnterpriseClient = ReturnType<typeof enterpriseClient>;
