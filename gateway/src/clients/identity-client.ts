import type { Role } from '@yinqi/auth';
import type { ServiceClient } from './service-client';

export interface UserDto {
  id: string;
  email: string;
  role: Role;
  orgId: string | null;
}
export interface AuthPayloadDto {
  token: string;
  user: UserDto;
}
export interface InstitutionDto {
  id: string;
  kind: 'BANK' | 'GUARANTOR' | 'FUND';
  name: string;
}

/** Typed calls to the identity service. */
export function identityClient(http: ServiceClient) {
  return {
    registerEnterprise: (input: unknown) => http.post<AuthPayloadDto>('/enterprises/register', input),
    login: (email: string, password: string) => http.post<AuthPayloadDto>('/login', { email, password }),
    renewToken: (token: string) => http.post<AuthPayloadDto>('/token/renew', {}, { token }),
    me: (token: string) => http.get<UserDto>('/users/me', { token }),
    createInstitution: (token: string, input: unknown) => http.post<InstitutionDto>('/institutions', input, { token }),
    createUser: (token: string, input: unknown) => http.post<UserDto>('/users', input, { token }),
    institutionsByIds: (token: string, ids: readonly string[]) => http.get<InstitutionDto[]>('/institutions', { token, query: { ids: ids.join(',') } }),
    listInstitutions: (token: string, kind?: string) => http.get<InstitutionDto[]>('/institutions', { token, query: { kind } }),
  };
}
export type IdentityClient = ReturnType<typeof identityClient>;
