import { idSegment } from './id-segment';
import type { Role } from '@yinqi/auth';
import type { ServiceClient } from './service-client';

export interface UserDto {
  id: string;
  email: string;
  role: Role;
  orgId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}
export interface UserConnectionDto {
  edges: { cursor: string; node: UserDto }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
/** The header identity reads the caller's address from (services/identity/src/api/routes.ts). */
const CLIENT_ADDRESS_HEADER = 'x-yinqi-client-address';
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
    login: (email: string, password: string, clientAddress: string) => http.post<AuthPayloadDto>('/login', { email, password }, { headers: { [CLIENT_ADDRESS_HEADER]: clientAddress } }),
    logout: (token: string) => http.post<boolean>('/logout', {}, { token }),
    changePassword: (token: string, oldPassword: string, newPassword: string, clientAddress: string) =>
      http.post<AuthPayloadDto>('/password', { oldPassword, newPassword }, { token, headers: { [CLIENT_ADDRESS_HEADER]: clientAddress } }),
    users: (token: string, query: { role?: string; orgId?: string; first?: number; after?: string }) => http.get<UserConnectionDto>('/accounts', { token, query }),
    resetPassword: async (token: string, userId: string) => http.post<{ user: UserDto; temporaryPassword: string }>(`/accounts/${idSegment('uuid', 'User', userId)}/reset-password`, {}, { token }),
    setUserDisabled: async (token: string, userId: string, disabled: boolean) => http.post<UserDto>(`/accounts/${idSegment('uuid', 'User', userId)}/disabled`, { disabled }, { token }),
    unlockUser: async (token: string, userId: string) => http.post<UserDto>(`/accounts/${idSegment('uuid', 'User', userId)}/unlock`, {}, { token }),
    renewToken: (token: string) => http.post<AuthPayloadDto>('/token/renew', {}, { token }),
    me: (token: string) => http.get<UserDto>('/users/me', { token }),
    createInstitution: (token: string, input: unknown) => http.post<InstitutionDto>('/institutions', input, { token }),
    createUser: (token: string, input: unknown) => http.post<UserDto>('/users', input, { token }),
    institutionsByIds: (token: string, ids: readonly string[]) => http.get<InstitutionDto[]>('/institutions', { token, query: { ids: ids.join(',') } }),
    listInstitutions: (token: string, kind?: string) => http.get<InstitutionDto[]>('/institutions', { token, query: { kind } }),
  };
}
export type IdentityClient = ReturnType<typeof identityClient>;
